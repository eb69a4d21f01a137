import type { Activity, ActivityInput, ActivityType, CommonSettings, OptionInput } from '../../types/activity';
import { OPTION_IMAGE_TYPES, OPTION_TYPES } from '../../types/activity';
import type { UpdateActivityInput } from '../../services/activityApi';

/** What the activity editor holds while the organizer types (text as typed; the server names bad fields). */
export interface OptionDraft {
  label: string;
  correct: boolean;
  imageId: string | null;
}

export interface Draft {
  type: ActivityType;
  title: string;
  options: OptionDraft[];
  multiple: boolean;
  maxChoices: string;
  timeLimit: string;
  points: string;
  maxEntries: string;
  /** rating and scales */
  min: string;
  max: string;
  minLabel: string;
  maxLabel: string;
  /** 100 points */
  total: string;
  /** numeric */
  numMin: string;
  numMax: string;
  unit: string;
  hasCorrect: boolean;
  correctValue: string;
  tolerance: string;
  moderation: boolean;
  notes: string;
  /** content slides (Markdown) */
  body: string;
  /** The activity's image. */
  imageId: string | null;
  resultsOnReveal: boolean;
  /** The time limit of the types where it is optional (all but quiz, Q&A and content); '' is none. */
  timer: string;
  sound: boolean;
}

/** Types answered by participants, with the common settings (results mode, timer, sound). */
export const answerable = (t: ActivityType) => t !== 'qna' && t !== 'content';
export const hasOptions = (t: ActivityType) => OPTION_TYPES.includes(t);
export const hasOptionImages = (t: ActivityType) => OPTION_IMAGE_TYPES.includes(t);
/** How many options each type takes. */
export function optionLimits(t: ActivityType): { min: number; max: number } {
  if (t === 'poll' || t === 'quiz') return { min: 2, max: 20 };
  return { min: t === 'scales' ? 1 : 2, max: 10 };
}

const blankOption = (): OptionDraft => ({ label: '', correct: false, imageId: null });
export const newOption = blankOption;

/** The results mode, timer and sound of a type that has them. */
const common = (a: Activity | undefined): CommonSettings => (a && answerable(a.type) ? (a.settings as CommonSettings) : {});

export function draftOf(a?: Activity): Draft {
  const c = common(a);
  const d: Draft = {
    type: a?.type ?? 'poll',
    title: a?.title ?? '',
    options:
      a && hasOptions(a.type) && a.options.length > 0
        ? a.options.map((o) => ({ label: o.label, correct: !!o.correct, imageId: o.image_id ?? null }))
        : [blankOption(), blankOption()],
    multiple: false,
    maxChoices: '',
    timeLimit: '20',
    points: '1000',
    maxEntries: '3',
    min: '1',
    max: '5',
    minLabel: '',
    maxLabel: '',
    total: '100',
    numMin: '0',
    numMax: '100',
    unit: '',
    hasCorrect: false,
    correctValue: '',
    tolerance: '0',
    moderation: false,
    notes: a?.notes ?? '',
    body: a?.body ?? '',
    imageId: a?.image_id ?? null,
    resultsOnReveal: c.results === 'on_reveal',
    timer: a?.type !== 'quiz' && c.time_limit_s != null ? String(c.time_limit_s) : '',
    sound: !!c.sound,
  };
  if (a) readSettings(d, a);
  return d;
}

function readSettings(d: Draft, a: Activity): void {
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
    case 'scales':
      d.min = String(a.settings.min);
      d.max = String(a.settings.max);
      d.minLabel = a.settings.min_label ?? '';
      d.maxLabel = a.settings.max_label ?? '';
      break;
    case 'points':
      d.total = String(a.settings.total);
      break;
    case 'numeric':
      d.numMin = String(a.settings.min);
      d.numMax = String(a.settings.max);
      d.unit = a.settings.unit ?? '';
      if (a.settings.correct) {
        d.hasCorrect = true;
        d.correctValue = String(a.settings.correct.value);
        d.tolerance = String(a.settings.correct.tolerance);
      }
      break;
    case 'ranking':
    case 'content':
      break;
  }
}

/** A whole number when the text is one; otherwise the text, so the server names the field. */
export function num(s: string): number | string {
  const t = s.trim();
  return /^-?\d+$/.test(t) ? Number(t) : t;
}

/** Any number (decimals too, "2,5" as 2.5) when the text is one; otherwise the text. */
export function dec(s: string): number | string {
  const t = s.trim().replace(',', '.');
  return /^-?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : s.trim();
}

export function settingsOf(d: Draft): Record<string, unknown> {
  const s = typeSettings(d);
  if (answerable(d.type) && d.resultsOnReveal) s.results = 'on_reveal';
  if (answerable(d.type) && d.type !== 'quiz' && d.timer.trim() !== '') s.time_limit_s = num(d.timer);
  if (answerable(d.type) && d.sound) s.sound = true;
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
    case 'scales':
      return { min: num(d.min), max: num(d.max), min_label: d.minLabel, max_label: d.maxLabel };
    case 'points':
      return { total: num(d.total) };
    case 'numeric':
      return {
        min: dec(d.numMin),
        max: dec(d.numMax),
        unit: d.unit,
        ...(d.hasCorrect ? { correct: { value: dec(d.correctValue), tolerance: d.tolerance.trim() === '' ? 0 : dec(d.tolerance) } } : {}),
      };
    case 'ranking':
    case 'content':
      return {};
  }
}

function optionsOf(d: Draft): OptionInput[] {
  return d.options.map((o) => {
    const out: OptionInput = { label: o.label };
    if (d.type === 'quiz') out.correct = o.correct;
    if (hasOptionImages(d.type) && o.imageId) out.image_id = o.imageId;
    return out;
  });
}

/** The create payload for a draft. */
export function createInput(d: Draft): ActivityInput {
  const input: ActivityInput = { type: d.type, title: d.title, settings: settingsOf(d) as ActivityInput['settings'] };
  if (d.notes.trim() !== '') input.notes = d.notes;
  if (d.type === 'content' && d.body.trim() !== '') input.body = d.body;
  if (d.imageId) input.image_id = d.imageId;
  if (hasOptions(d.type)) input.options = optionsOf(d);
  return input;
}

/** The PATCH payload for an edit (options only while the activity is a draft). */
export function updateInput(d: Draft, original: Activity): UpdateActivityInput {
  const input: UpdateActivityInput = { title: d.title, settings: settingsOf(d) };
  if (d.notes !== (original.notes ?? '')) input.notes = d.notes;
  if (d.type === 'content' && d.body !== (original.body ?? '')) input.body = d.body;
  if (d.imageId !== (original.image_id ?? null)) input.image_id = d.imageId;
  if (hasOptions(d.type) && original.status === 'draft') input.options = optionsOf(d);
  return input;
}

export const knownField = (f: string) =>
  f === 'notes' || f === 'title' || f === 'type' || f === 'body' || f === 'image_id' || f.startsWith('options') || f.startsWith('settings');
