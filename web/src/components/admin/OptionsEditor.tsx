import { currentLanguage, t } from '../../i18n';
import { useId } from 'react';
import { S } from '../../strings/activityTypes';
import { Button } from '../ui/Button';
import { FieldError, TextField } from '../ui/Field';
import { Notice } from '../ui/Notice';
import { hasOptionImages, newOption, optionLimits, type Draft, type OptionDraft } from './editorDraft';
import { ImageField, type Upload } from './ImageField';

interface OptionsEditorProps {
  d: Draft;
  locked: boolean;
  err: (field: string) => string | undefined;
  upload?: Upload | undefined;
  onChange: (options: OptionDraft[]) => void;
}

function legendOf(d: Draft): string {
  switch (d.type) {
    case 'quiz':
      return t('optionsEditor.legendQuiz');
    case 'scales':
      return S.editor.statements;
    case 'ranking':
      return S.editor.items;
    default:
      return t('fields.options');
  }
}

function rowLabel(d: Draft, i: number): string {
  if (d.type === 'scales') return S.editor.statement(i);
  if (d.type === 'ranking') return S.editor.item(i);
  return t('optionsEditor.optionN', { n: i + 1 });
}

/** The options (statements, items) of a type that has them, with right answers (quiz) and images (poll, quiz, ranking). */
export function OptionsEditor({ d, locked, err, upload, onChange }: OptionsEditorProps) {
  const uid = useId();
  const { min, max } = optionLimits(d.type);
  const rightCount = d.options.filter((o) => o.correct).length;
  const set = (i: number, patch: Partial<OptionDraft>) => onChange(d.options.map((o, j) => (j === i ? { ...o, ...patch } : o)));
  const images = hasOptionImages(d.type) && upload;

  return (
    <fieldset className="flex flex-col gap-2.5" aria-describedby={err('options') ? `${uid}-options-error` : undefined}>
      <legend className="mb-1 text-sm font-semibold text-slate-700">{legendOf(d)}</legend>
      {locked && <Notice tone="info">{t('optionsEditor.optionsAreFixedOnce')}</Notice>}
      {d.options.map((o, i) => (
        <div key={i} className="flex items-start gap-2">
          <span className="mt-3 w-6 shrink-0 text-center text-sm font-bold text-slate-500" aria-hidden="true">
            {d.type === 'poll' || d.type === 'quiz' ? String.fromCharCode(65 + i) : i + 1}
          </span>
          <TextField
            className="min-w-0 flex-1"
            label={rowLabel(d, i)}
            hideLabel
            placeholder={rowLabel(d, i)}
            value={o.label}
            maxLength={200}
            disabled={locked}
            error={err(`options[${i}].label`) ?? err(`options[${i}].correct`) ?? err(`options[${i}].image_id`)}
            onChange={(e) => set(i, { label: e.target.value })}
          />
          {images && (
            <ImageField
              compact
              label={S.editor.optionImage(i)}
              alt={o.label || rowLabel(d, i)}
              imageId={o.imageId}
              upload={upload}
              disabled={locked}
              onChange={(imageId) => set(i, { imageId })}
            />
          )}
          {d.type === 'quiz' && (
            <label className="mt-1.5 inline-flex min-h-9 shrink-0 cursor-pointer items-center gap-1.5 rounded-lg px-2 text-sm font-medium text-slate-700">
              <input
                type="checkbox"
                className="h-5 w-5 accent-emerald-600"
                checked={o.correct}
                disabled={locked}
                onChange={(e) => set(i, { correct: e.target.checked })}
                aria-label={t('optionsEditor.optionNIsRight', { n: i + 1 })}
              />
              {t('optionsEditor.right')}
            </label>
          )}
          <Button
            variant="ghost"
            size="sm"
            className="mt-1.5 shrink-0"
            aria-label={t('optionsEditor.removeRow', { label: currentLanguage() === 'en' ? rowLabel(d, i).toLowerCase() : rowLabel(d, i) })}
            disabled={locked || d.options.length <= min}
            onClick={() => onChange(d.options.filter((_, j) => j !== i))}
          >
            ✕
          </Button>
        </div>
      ))}
      {d.type === 'quiz' && rightCount > 1 && (
        <p className="text-sm text-slate-600">
          {t('optionsEditor.rightCount', { count: rightCount })}
        </p>
      )}
      <FieldError id={`${uid}-options-error`} message={err('options')} />
      <div>
        <Button variant="secondary" size="sm" disabled={locked || d.options.length >= max} onClick={() => onChange([...d.options, newOption()])}>
          {d.type === 'scales' ? t('optionsEditor.addStatement') : d.type === 'ranking' ? t('optionsEditor.addItem') : t('optionsEditor.addOption')}
        </Button>
      </div>
    </fieldset>
  );
}
