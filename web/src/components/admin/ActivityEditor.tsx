import { useId, useState, type FormEvent } from 'react';
import type { Activity, ActivityInput, ActivityType } from '../../types/activity';
import { ACTIVITY_LABELS, ACTIVITY_TYPES } from '../../types/activity';
import type { UpdateActivityInput } from '../../services/activityApi';
import { formErrors, noErrors, type FormErrors } from '../../utils/validation';
import { Button } from '../ui/Button';
import { Checkbox, FieldError, TextArea, TextField } from '../ui/Field';
import { Notice } from '../ui/Notice';
import { TypeIcon } from './TypeIcon';

export const TYPE_HINTS: Record<ActivityType, string> = {
  poll: 'Multiple choice, live bars',
  quiz: 'Timed question with points',
  word_cloud: 'Short words, grouped',
  open_text: 'Free answers on a wall',
  rating: 'A score on a scale',
  qna: 'Audience questions, upvotes',
};

interface OptionDraft {
  label: string;
  correct: boolean;
}

interface Draft {
  type: ActivityType;
  title: string;
  options: OptionDraft[];
  multiple: boolean;
  maxChoices: string;
  timeLimit: string;
  points: string;
  maxEntries: string;
  min: string;
  max: string;
  moderation: boolean;
  notes: string;
  resultsOnReveal: boolean;
  /** The time limit of the types where it is optional (all but quiz and Q&A); '' is none. */
  timer: string;
  sound: boolean;
}

function draftOf(a?: Activity): Draft {
  const d: Draft = {
    type: a?.type ?? 'poll',
    title: a?.title ?? '',
    options: a && (a.type === 'poll' || a.type === 'quiz') ? a.options.map((o) => ({ label: o.label, correct: !!o.correct })) : [
      { label: '', correct: false },
      { label: '', correct: false },
    ],
    multiple: false,
    maxChoices: '',
    timeLimit: '20',
    points: '1000',
    maxEntries: '3',
    min: '1',
    max: '5',
    moderation: false,
    notes: a?.notes ?? '',
    resultsOnReveal: !!a && a.type !== 'qna' && a.settings.results === 'on_reveal',
    timer: a && a.type !== 'qna' && a.type !== 'quiz' && a.settings.time_limit_s != null ? String(a.settings.time_limit_s) : '',
    sound: !!a && a.type !== 'qna' && !!a.settings.sound,
  };
  if (!a) return d;
  switch (a.type) {
    case 'poll':
      d.multiple = a.settings.multiple;
      d.maxChoices = a.settings.max_choices == null ? '' : String(a.settings.max_choices);
      break;
    case 'quiz':
      d.timeLimit = String(a.settings.time_limit_s);
      d.points = String(a.settings.points);
      break;
    case 'word_cloud':
      d.maxEntries = String(a.settings.max_entries_per_participant);
      d.moderation = !!a.settings.moderation;
      break;
    case 'open_text':
      d.moderation = !!a.settings.moderation;
      break;
    case 'rating':
      d.min = String(a.settings.min);
      d.max = String(a.settings.max);
      break;
    case 'qna':
      d.moderation = a.settings.moderation;
      break;
  }
  return d;
}

/** A whole number when the text is one; otherwise the text, so the server names the field. */
function num(s: string): number | string {
  const t = s.trim();
  return /^-?\d+$/.test(t) ? Number(t) : t;
}

function settingsOf(d: Draft): Record<string, unknown> {
  const s = typeSettings(d);
  if (d.type !== 'qna' && d.resultsOnReveal) s.results = 'on_reveal';
  if (d.type !== 'qna' && d.type !== 'quiz' && d.timer.trim() !== '') s.time_limit_s = num(d.timer);
  if (d.type !== 'qna' && d.sound) s.sound = true;
  return s;
}

function typeSettings(d: Draft): Record<string, unknown> {
  switch (d.type) {
    case 'poll':
      return { multiple: d.multiple, max_choices: d.multiple && d.maxChoices.trim() !== '' ? num(d.maxChoices) : null };
    case 'quiz':
      return { time_limit_s: num(d.timeLimit), points: num(d.points) };
    case 'word_cloud':
      return { max_entries_per_participant: num(d.maxEntries), ...(d.moderation ? { moderation: true } : {}) };
    case 'rating':
      return { min: num(d.min), max: num(d.max) };
    case 'qna':
      return { moderation: d.moderation };
    case 'open_text':
      return d.moderation ? { moderation: true } : {};
  }
}

const hasOptions = (t: ActivityType) => t === 'poll' || t === 'quiz';

/** The create payload for a draft. */
export function createInput(d: Draft): ActivityInput {
  const input: ActivityInput = { type: d.type, title: d.title, settings: settingsOf(d) as ActivityInput['settings'] };
  if (d.notes.trim() !== '') input.notes = d.notes;
  if (hasOptions(d.type)) {
    input.options = d.options.map((o) => (d.type === 'quiz' ? { label: o.label, correct: o.correct } : { label: o.label }));
  }
  return input;
}

/** The PATCH payload for an edit (options only while the activity is a draft). */
export function updateInput(d: Draft, original: Activity): UpdateActivityInput {
  const input: UpdateActivityInput = { title: d.title, settings: settingsOf(d) };
  if (d.notes !== (original.notes ?? '')) input.notes = d.notes;
  if (hasOptions(d.type) && original.status === 'draft') {
    input.options = d.options.map((o) => (d.type === 'quiz' ? { label: o.label, correct: o.correct } : { label: o.label }));
  }
  return input;
}

const knownField = (f: string) => f === 'notes' || f === 'title' || f === 'type' || f.startsWith('options') || f.startsWith('settings');

interface ActivityEditorProps {
  /** The activity being edited; none to create one. */
  activity?: Activity;
  onCreate?: (input: ActivityInput) => Promise<unknown>;
  onUpdate?: (input: UpdateActivityInput) => Promise<unknown>;
  onDone: () => void;
}

/** Create or edit an activity of any of the six types, with its settings; server errors by their fields. */
export function ActivityEditor({ activity, onCreate, onUpdate, onDone }: ActivityEditorProps) {
  const [d, setD] = useState<Draft>(() => draftOf(activity));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const uid = useId();
  const editing = !!activity;
  const optionsLocked = editing && activity.status !== 'draft';
  const rightCount = d.options.filter((o) => o.correct).length;
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

  const setOption = (i: number, patch: Partial<OptionDraft>) =>
    set({ options: d.options.map((o, j) => (j === i ? { ...o, ...patch } : o)) });

  return (
    <form onSubmit={submit} noValidate aria-label={editing ? `Edit ${activity.title}` : 'New activity'} className="flex flex-col gap-5">
      {!editing && (
        <fieldset>
          <legend className="mb-2 text-sm font-semibold text-slate-700">Type</legend>
          <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
            {ACTIVITY_TYPES.map((t) => (
              <label
                key={t}
                className={`flex cursor-pointer items-start gap-2.5 rounded-xl p-3 ring-1 transition has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-brand-400 ${
                  d.type === t ? 'bg-brand-50 ring-2 ring-brand-500' : 'bg-white ring-slate-200 hover:ring-slate-300'
                }`}
              >
                <input
                  type="radio"
                  name={`${uid}-type`}
                  value={t}
                  checked={d.type === t}
                  onChange={() => set({ type: t })}
                  className="sr-only"
                />
                <TypeIcon type={t} />
                <span className="min-w-0">
                  <span className="block text-sm font-bold text-ink">{ACTIVITY_LABELS[t]}</span>
                  <span className="block text-xs text-slate-500">{TYPE_HINTS[t]}</span>
                </span>
              </label>
            ))}
          </div>
          <FieldError message={err('type')} />
        </fieldset>
      )}

      <TextField
        label={d.type === 'qna' ? 'Title' : 'Question'}
        placeholder={d.type === 'qna' ? 'Ask us anything' : d.type === 'word_cloud' ? 'One word that describes today?' : 'What do you think?'}
        value={d.title}
        maxLength={255}
        error={err('title')}
        onChange={(e) => set({ title: e.target.value })}
        autoFocus={!editing}
      />

      {hasOptions(d.type) && (
        <fieldset className="flex flex-col gap-2.5" aria-describedby={err('options') ? `${uid}-options-error` : undefined}>
          <legend className="mb-1 text-sm font-semibold text-slate-700">
            Options{d.type === 'quiz' ? ' — tick the right answer (or several)' : ''}
          </legend>
          {optionsLocked && <Notice tone="info">Options are fixed once the activity has been opened.</Notice>}
          {d.options.map((o, i) => (
            <div key={i} className="flex items-start gap-2">
              <span className="mt-3 w-6 shrink-0 text-center text-sm font-bold text-slate-400" aria-hidden="true">
                {String.fromCharCode(65 + i)}
              </span>
              <TextField
                className="min-w-0 flex-1"
                label={`Option ${i + 1}`}
                hideLabel
                placeholder={`Option ${i + 1}`}
                value={o.label}
                maxLength={200}
                disabled={optionsLocked}
                error={err(`options[${i}].label`) ?? err(`options[${i}].correct`)}
                onChange={(e) => setOption(i, { label: e.target.value })}
              />
              {d.type === 'quiz' && (
                <label className="mt-1.5 inline-flex min-h-9 shrink-0 cursor-pointer items-center gap-1.5 rounded-lg px-2 text-sm font-medium text-slate-700">
                  <input
                    type="checkbox"
                    className="h-5 w-5 accent-emerald-600"
                    checked={o.correct}
                    disabled={optionsLocked}
                    onChange={(e) => setOption(i, { correct: e.target.checked })}
                    aria-label={`Option ${i + 1} is right`}
                  />
                  Right
                </label>
              )}
              <Button
                variant="ghost"
                size="sm"
                className="mt-1.5 shrink-0"
                aria-label={`Remove option ${i + 1}`}
                disabled={optionsLocked || d.options.length <= 2}
                onClick={() => set({ options: d.options.filter((_, j) => j !== i) })}
              >
                ✕
              </Button>
            </div>
          ))}
          {d.type === 'quiz' && rightCount > 1 && (
            <p className="text-sm text-slate-600">
              {rightCount} right options: phones ask for {rightCount} answers, and only exactly these {rightCount} score.
            </p>
          )}
          <FieldError id={`${uid}-options-error`} message={err('options')} />
          <div>
            <Button
              variant="secondary"
              size="sm"
              disabled={optionsLocked || d.options.length >= 20}
              onClick={() => set({ options: [...d.options, { label: '', correct: false }] })}
            >
              + Add option
            </Button>
          </div>
        </fieldset>
      )}

      {d.type !== 'qna' && (
        <Checkbox
          label="Hide results until I reveal them (the screen shows only how many answered)"
          checked={d.resultsOnReveal}
          error={err('settings.results')}
          onChange={(e) => set({ resultsOnReveal: e.target.checked })}
        />
      )}

      {(d.type === 'word_cloud' || d.type === 'open_text') && (
        <Checkbox
          label="Moderate entries (nothing shows until you approve it)"
          checked={d.moderation}
          error={err('settings.moderation')}
          onChange={(e) => set({ moderation: e.target.checked })}
        />
      )}

      {d.type !== 'qna' && (
        <div className="flex flex-wrap items-end gap-4">
          {d.type !== 'quiz' && (
            <TextField
              className="w-64"
              label="Time limit (seconds)"
              hint="Empty: no limit; 5 to 3600"
              inputMode="numeric"
              value={d.timer}
              error={err('settings.time_limit_s')}
              onChange={(e) => set({ timer: e.target.value })}
            />
          )}
          <Checkbox
            label="Play a sound on the display when time is up"
            checked={d.sound}
            error={err('settings.sound')}
            onChange={(e) => set({ sound: e.target.checked })}
          />
        </div>
      )}

      {d.type !== 'open_text' && (
        <fieldset className="flex flex-col gap-3 rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200">
          <legend className="px-1 text-sm font-semibold text-slate-700">Settings</legend>
          <FieldError message={err('settings')} />
          {d.type === 'poll' && (
            <div className="flex flex-wrap items-end gap-4">
              <Checkbox
                label="Allow several choices"
                checked={d.multiple}
                error={err('settings.multiple')}
                onChange={(e) => set({ multiple: e.target.checked })}
              />
              <TextField
                className="w-48"
                label="Maximum choices"
                hint="Empty: no limit"
                inputMode="numeric"
                value={d.maxChoices}
                disabled={!d.multiple}
                error={err('settings.max_choices')}
                onChange={(e) => set({ maxChoices: e.target.value })}
              />
            </div>
          )}
          {d.type === 'quiz' && (
            <div className="grid grid-cols-2 gap-4">
              <TextField
                label="Time limit (seconds)"
                hint="5 to 3600"
                inputMode="numeric"
                value={d.timeLimit}
                error={err('settings.time_limit_s')}
                onChange={(e) => set({ timeLimit: e.target.value })}
              />
              <TextField
                label="Points for a fast right answer"
                inputMode="numeric"
                value={d.points}
                error={err('settings.points')}
                onChange={(e) => set({ points: e.target.value })}
              />
            </div>
          )}
          {d.type === 'word_cloud' && (
            <TextField
              className="w-64"
              label="Entries per person"
              hint="1 to 20"
              inputMode="numeric"
              value={d.maxEntries}
              error={err('settings.max_entries_per_participant')}
              onChange={(e) => set({ maxEntries: e.target.value })}
            />
          )}
          {d.type === 'rating' && (
            <div className="grid grid-cols-2 gap-4">
              <TextField
                label="Lowest value"
                inputMode="numeric"
                value={d.min}
                error={err('settings.min')}
                onChange={(e) => set({ min: e.target.value })}
              />
              <TextField
                label="Highest value"
                inputMode="numeric"
                value={d.max}
                error={err('settings.max')}
                onChange={(e) => set({ max: e.target.value })}
              />
            </div>
          )}
          {d.type === 'qna' && (
            <Checkbox
              label="Moderate questions (approve before they appear)"
              checked={d.moderation}
              error={err('settings.moderation')}
              onChange={(e) => set({ moderation: e.target.checked })}
            />
          )}
        </fieldset>
      )}

      <TextArea
        label="Speaker notes"
        hint="Markdown, up to 5,000 characters. Only you see them, in the presenter view."
        value={d.notes}
        maxLength={5000}
        error={err('notes')}
        onChange={(e) => set({ notes: e.target.value })}
      />

      {errors.general && <Notice tone="error">{errors.general}</Notice>}

      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" busy={busy}>
          {editing ? 'Save changes' : 'Add activity'}
        </Button>
      </div>
    </form>
  );
}
