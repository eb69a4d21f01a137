import { t } from '../../i18n';
import { useId, useState, type FormEvent } from 'react';
import type { Activity, ActivityInput, ActivityType } from '../../types/activity';
import { ACTIVITY_LABELS, ACTIVITY_TYPES } from '../../types/activity';
import type { UpdateActivityInput } from '../../services/activityApi';
import { S } from '../../strings/activityTypes';
import { formErrors, noErrors, type FormErrors } from '../../utils/validation';
import { Button } from '../ui/Button';
import { Checkbox, FieldError, TextArea, TextField } from '../ui/Field';
import { Notice } from '../ui/Notice';
import { BodyField } from './BodyField';
import { answerable, createInput, draftOf, hasOptions, knownField, updateInput, type Draft } from './editorDraft';
import { ImageField, type Upload } from './ImageField';
import { OptionsEditor } from './OptionsEditor';
import { TypeIcon } from './TypeIcon';
import { TypeSettings } from './TypeSettings';

export { createInput, updateInput } from './editorDraft';

/** Each type's one-line description in the editor's type picker (editorHints.<type>). */
export const TYPE_HINTS = Object.defineProperties(
  {},
  Object.fromEntries(ACTIVITY_TYPES.map((k) => [k, { get: () => t(`editorHints.${k}`), enumerable: true }])),
) as Readonly<Record<ActivityType, string>>;

interface ActivityEditorProps {
  /** The activity being edited; none to create one. */
  activity?: Activity;
  onCreate?: (input: ActivityInput) => Promise<unknown>;
  onUpdate?: (input: UpdateActivityInput) => Promise<unknown>;
  /** Uploads an image (POST /sessions/{id}/images); without it the editor offers no images. */
  onUpload?: Upload;
  onDone: () => void;
}

function titlePlaceholder(type: ActivityType): string {
  if (type === 'qna') return t('editorHints.placeholderQna');
  if (type === 'word_cloud') return t('editorHints.placeholderWordCloud');
  if (type === 'content') return t('editorHints.placeholderContent');
  return t('editorHints.placeholder');
}

/** Create or edit an activity of any type, with its settings, options and images; server errors by their fields. */
export function ActivityEditor({ activity, onCreate, onUpdate, onUpload, onDone }: ActivityEditorProps) {
  const [d, setD] = useState<Draft>(() => draftOf(activity));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const uid = useId();
  const editing = !!activity;
  const optionsLocked = editing && activity.status !== 'draft';
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const err = (f: string) => errors.fields[f];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors(noErrors);
    try {
      if (activity) await onUpdate?.(updateInput(d, activity));
      else await onCreate?.(createInput(d));
      onDone();
    } catch (ex) {
      setErrors(formErrors(ex, knownField));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label={editing ? t('activityEditor.editTitle', { title: activity.title }) : t('activityEditor.newActivity')} className="flex flex-col gap-5">
      {!editing && (
        <fieldset>
          <legend className="mb-2 text-sm font-semibold text-slate-700">{t('activityEditor.type')}</legend>
          <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
            {ACTIVITY_TYPES.map((type) => (
              <label
                key={type}
                className={`flex cursor-pointer items-start gap-2.5 rounded-xl p-3 ring-1 transition has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-brand-400 ${
                  d.type === type ? 'bg-brand-50 ring-2 ring-brand-500' : 'bg-white ring-slate-200 hover:ring-slate-300'
                }`}
              >
                <input
                  type="radio"
                  name={`${uid}-type`}
                  value={type}
                  checked={d.type === type}
                  onChange={() => set({ type: type })}
                  className="sr-only"
                />
                <TypeIcon type={type} />
                <span className="min-w-0">
                  <span className="block text-sm font-bold text-ink">{ACTIVITY_LABELS[type]}</span>
                  <span className="block text-xs text-slate-500">{TYPE_HINTS[type]}</span>
                </span>
              </label>
            ))}
          </div>
          <FieldError message={err('type')} />
        </fieldset>
      )}

      <TextField
        label={d.type === 'qna' || d.type === 'content' ? t('activityEditor.title') : t('activityEditor.question')}
        placeholder={titlePlaceholder(d.type)}
        value={d.title}
        maxLength={255}
        error={err('title')}
        onChange={(e) => set({ title: e.target.value })}
        autoFocus={!editing}
      />

      {d.type === 'content' && <BodyField value={d.body} error={err('body')} onChange={(body) => set({ body })} />}

      {onUpload && (
        <ImageField label={S.editor.image} alt={d.title || S.editor.image} imageId={d.imageId} upload={onUpload} error={err('image_id')} onChange={(imageId) => set({ imageId })} />
      )}

      {hasOptions(d.type) && <OptionsEditor d={d} locked={optionsLocked} err={err} upload={onUpload} onChange={(options) => set({ options })} />}

      {answerable(d.type) && (
        <Checkbox
          label={t('activityEditor.hideResultsUntilI')}
          checked={d.resultsOnReveal}
          error={err('settings.results')}
          onChange={(e) => set({ resultsOnReveal: e.target.checked })}
        />
      )}

      {(d.type === 'word_cloud' || d.type === 'open_text') && (
        <Checkbox
          label={t('activityEditor.moderateEntriesNothingShows')}
          checked={d.moderation}
          error={err('settings.moderation')}
          onChange={(e) => set({ moderation: e.target.checked })}
        />
      )}

      {answerable(d.type) && (
        <div className="flex flex-wrap items-end gap-4">
          {d.type !== 'quiz' && (
            <TextField
              className="w-64"
              label={t('activityEditor.timeLimitSeconds')}
              hint={t('activityEditor.emptyNoLimit5')}
              inputMode="numeric"
              value={d.timer}
              error={err('settings.time_limit_s')}
              onChange={(e) => set({ timer: e.target.value })}
            />
          )}
          <Checkbox
            label={t('activityEditor.playASoundOn')}
            checked={d.sound}
            error={err('settings.sound')}
            onChange={(e) => set({ sound: e.target.checked })}
          />
        </div>
      )}

      <TypeSettings d={d} err={err} set={set} />

      <TextArea
        label={t('activityEditor.speakerNotes')}
        hint={t('activityEditor.markdownUpTo5')}
        value={d.notes}
        maxLength={5000}
        error={err('notes')}
        onChange={(e) => set({ notes: e.target.value })}
      />

      {errors.general && <Notice tone="error">{errors.general}</Notice>}

      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone}>
          {t('activityEditor.cancel')}
        </Button>
        <Button type="submit" busy={busy}>
          {editing ? t('activityEditor.saveChanges') : t('activityEditor.addActivity')}
        </Button>
      </div>
    </form>
  );
}
