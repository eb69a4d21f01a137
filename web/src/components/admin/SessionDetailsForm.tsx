import { currentLanguage, isLanguage, LANGUAGE_NAMES, LANGUAGES, t, type Language } from '../../i18n';
import { useId, useState, type FormEvent } from 'react';
import { useSubmit } from '../../hooks/useSubmit';
import type { ProfanityFilter, Session } from '../../types/session';
import type { UpdateSessionInput } from '../../services/sessionApi';
import { Button } from '../ui/Button';
import { TextArea, TextField } from '../ui/Field';
import { Notice } from '../ui/Notice';

const known = (f: string) => f === 'name' || f === 'description' || f.startsWith('reactions') || f.startsWith('settings.');

/** The emoji of a reactions field: separated by spaces or commas. */
export function reactionList(s: string): string[] {
  return s.split(/[\s,]+/).filter((e) => e !== '');
}

/** The organizer's words of a field: one a line, or separated by commas. */
export function wordList(s: string): string[] {
  return s
    .split(/[\n,]+/)
    .map((w) => w.trim())
    .filter((w) => w !== '');
}

/** Edit a session's name, description, reactions and profanity filter. */
const HOLD: ProfanityFilter = 'hold';
const HIDE: ProfanityFilter = 'hide';
const OFF: ProfanityFilter = 'off';

export function SessionDetailsForm({ session, onSave, onDone }: { session: Session; onSave: (input: UpdateSessionInput) => Promise<unknown>; onDone: () => void }) {
  const [name, setName] = useState(session.name);
  const [description, setDescription] = useState(session.description ?? '');
  const originalReactions = (session.reactions ?? []).join(' ');
  const [reactions, setReactions] = useState(originalReactions);
  const originalFilter = session.settings?.profanity_filter ?? 'hold';
  const [filter, setFilter] = useState(originalFilter);
  const originalWords = (session.settings?.profanity_words ?? []).join('\n');
  const [words, setWords] = useState(originalWords);
  // The display's language: the session's, else (never set) this organizer's.
  const originalLanguage = session.settings?.language;
  const [shownLanguage] = useState<Language>(() => (isLanguage(originalLanguage) ? originalLanguage : currentLanguage()));
  const [language, setLanguage] = useState<Language>(shownLanguage);
  const languageId = useId();
  const input = (): UpdateSessionInput => {
    const out: UpdateSessionInput = { name, description };
    if (reactions.trim() !== originalReactions) out.reactions = reactionList(reactions);
    const settings: NonNullable<UpdateSessionInput['settings']> = {};
    if (filter !== originalFilter) settings.profanity_filter = filter;
    if (words.trim() !== originalWords.trim()) settings.profanity_words = wordList(words);
    if (language !== shownLanguage) settings.language = language;
    if (Object.keys(settings).length > 0) out.settings = settings;
    return out;
  };
  const { submit: send, status, errors } = useSubmit(() => onSave(input()), { maxAttempts: 1, knownField: known, onSuccess: onDone });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send(undefined);
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('sessionDetailsForm.sessionDetails')} className="flex flex-col gap-4">
      <TextField label={t('sessionDetailsForm.sessionName')} value={name} maxLength={255} error={errors.fields['name']} onChange={(e) => setName(e.target.value)} autoFocus />
      <TextArea label={t('sessionDetailsForm.description')} rows={3} value={description} maxLength={1000} error={errors.fields['description']} onChange={(e) => setDescription(e.target.value)} />
      <TextField
        label={t('sessionDetailsForm.reactions')}
        hint={t('sessionDetailsForm.upTo6Emoji')}
        value={reactions}
        error={Object.entries(errors.fields).find(([f]) => f.startsWith('reactions'))?.[1]}
        onChange={(e) => setReactions(e.target.value)}
      />
      <div className="flex flex-col gap-1.5">
        <label htmlFor={languageId} className="text-sm font-semibold text-slate-700">
          {t('sessionDetailsForm.displayLanguage')}
        </label>
        <select
          id={languageId}
          value={language}
          onChange={(e) => isLanguage(e.target.value) && setLanguage(e.target.value)}
          aria-describedby={`${languageId}-hint`}
          className="min-h-12 rounded-xl border border-slate-300 bg-white px-3 text-base text-ink focus:border-brand-500 focus:outline-none focus:ring-4 focus:ring-brand-100"
          data-testid="display-language"
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
        <p id={`${languageId}-hint`} className="text-sm text-slate-500">
          {t('sessionDetailsForm.displayLanguageHint')}
        </p>
        {errors.fields['settings.language'] && <Notice tone="error">{errors.fields['settings.language']}</Notice>}
      </div>
      <fieldset className="flex flex-col gap-3 rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200">
        <legend className="px-1 text-sm font-semibold text-slate-700">{t('sessionDetailsForm.profanityFilter')}</legend>
        <p className="text-sm text-slate-600">{t('sessionDetailsForm.openTextAnswersWord')}</p>
        <div role="radiogroup" aria-label={t('sessionDetailsForm.profanityFilter')} className="flex flex-col gap-1.5">
          {(
            [
              [HOLD, t('sessionDetailsForm.holdForMyApproval')],
              [HIDE, t('sessionDetailsForm.hideThem')],
              [OFF, t('sessionDetailsForm.showThemFilterOff')],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="inline-flex cursor-pointer items-center gap-2 text-sm font-medium text-slate-700">
              <input type="radio" name="profanity_filter" value={value} checked={filter === value} onChange={() => setFilter(value)} className="h-4 w-4 accent-brand-600" />
              {label}
            </label>
          ))}
        </div>
        {errors.fields['settings.profanity_filter'] && <Notice tone="error">{errors.fields['settings.profanity_filter']}</Notice>}
        <TextArea
          label={t('sessionDetailsForm.yourOwnWords')}
          hint={t('sessionDetailsForm.oneALineOr')}
          rows={3}
          value={words}
          error={Object.entries(errors.fields).find(([f]) => f.startsWith('settings.profanity_words'))?.[1]}
          onChange={(e) => setWords(e.target.value)}
        />
      </fieldset>
      {errors.general && <Notice tone="error">{errors.general}</Notice>}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone}>
          {t('sessionDetailsForm.cancel')}
        </Button>
        <Button type="submit" busy={status === 'sending'}>
          {t('sessionDetailsForm.save')}
        </Button>
      </div>
    </form>
  );
}
