import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { applyLanguage, currentLanguage, isLanguage, LANGUAGE_NAMES, LANGUAGES } from '../../i18n';
import { storeLanguage, type LanguageScope } from '../../i18n/scope';

/** A switcher of the interface language, remembered in this browser for its scope. */
export function LanguageSelect({ scope, className = '' }: { scope: Exclude<LanguageScope, 'display'>; className?: string }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className={`flex items-center gap-2 text-sm ${className}`}>
      <label htmlFor={id} className="font-semibold text-slate-600">
        {t('language.label')}
      </label>
      <select
        id={id}
        value={currentLanguage()}
        onChange={(e) => {
          const lang = e.target.value;
          if (!isLanguage(lang)) return;
          storeLanguage(scope, lang);
          applyLanguage(lang);
        }}
        className="rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm font-semibold text-ink focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100"
        data-testid="language-select"
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
