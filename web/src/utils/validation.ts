import { t } from '../i18n';
import { problemCode, problemMessage } from '../i18n/errors';
import { ApiError, NetworkError } from '../services/api';
import type { FieldErrors } from '../types/api';

/** Field errors and a general message, from any error a call may throw. */
export interface FormErrors {
  fields: FieldErrors;
  general: string | null;
  /** The problem's machine code, when the server sent one. */
  code?: string | undefined;
}

export const noErrors: FormErrors = { fields: {}, general: null };

/**
 * Splits an API error into messages next to the fields it names and one
 * general message for the rest. `known` lists the fields the form shows;
 * errors on other fields are folded into the general message.
 */
export function formErrors(err: unknown, known?: (field: string) => boolean): FormErrors {
  if (err instanceof ApiError) {
    const fields: FieldErrors = {};
    const other: string[] = [];
    for (const e of err.problem?.errors ?? []) {
      if (e.field && (!known || known(e.field))) {
        if (!(e.field in fields)) fields[e.field] = fieldMessage(e.field, e.message);
      } else {
        other.push(e.field ? fieldMessage(e.field, e.message) : capitalise(e.message));
      }
    }
    let general: string | null = null;
    if (other.length) general = other.join('; ');
    else if (Object.keys(fields).length === 0) general = describeError(err);
    return { fields, general, code: problemCode(err) };
  }
  return { fields: {}, general: describeError(err) };
}

/** A short sentence for a person, whatever went wrong. */
export function describeError(err: unknown): string {
  if (err instanceof NetworkError) return t('errors.network');
  if (err instanceof ApiError) {
    if (err.status === 429) return t('errors.rate_limited');
    if (err.status === 503) return t('errors.busy_retrying');
    if (err.status >= 500) return t('errors.internal');
    const coded = problemMessage(err);
    if (coded) return coded;
    const detail = err.problem?.detail;
    if (detail && detail !== 'validation failed') return capitalise(detail);
    const first = err.problem?.errors?.[0];
    if (first) return first.field ? fieldMessage(first.field, first.message) : capitalise(first.message);
    return err.problem?.title ?? t('errors.request_failed', { status: err.status });
  }
  if (err instanceof Error && err.message) return err.message;
  return t('errors.unknown');
}

export function capitalise(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/** The fields the server names, by the last part of their JSON path (fields.<name> in the catalogs). */
const FIELD_NAMES = [
  'admin_id',
  'time_limit_s',
  'max_entries_per_participant',
  'max_choices',
  'option_ids',
  'label',
  'correct',
  'text',
  'value',
  'nickname',
  'name',
  'description',
  'title',
  'options',
  'settings',
  'points',
  'min',
  'max',
  'multiple',
  'moderation',
];

/** 'settings.time_limit_s' → 'Time limit'; 'options[1].label' → 'Option'. */
export function humanField(field: string): string {
  const last = (field.split('.').pop() ?? field).replace(/\[\d+\]/g, '');
  return FIELD_NAMES.includes(last) ? t(`fields.${last}`) : capitalise(last.replace(/_/g, ' '));
}

/** The server's most frequent field messages, in the active language (the rest stay as sent). */
const FIELD_MESSAGES: [RegExp, (m: RegExpMatchArray) => [string, Record<string, unknown>]][] = [
  [/^is required$/i, () => ['fieldErrors.required', {}]],
  [/^must be at most ([\d,]+) characters?$/i, (m) => ['fieldErrors.maxChars', { max: m[1], n: Number(m[1]!.replace(/,/g, '')) }]],
  [/^must be between (-?[\d.]+) and (-?[\d.]+)$/i, (m) => ['fieldErrors.between', { min: m[1], max: m[2] }]],
  [/^is already taken$/i, () => ['fieldErrors.taken', {}]],
];

/**
 * The server's field messages continue the field's name ("is required",
 * "must be between 5 and 300 seconds"): make them a sentence.
 */
export function fieldMessage(field: string, message: string): string {
  for (const [re, to] of FIELD_MESSAGES) {
    const m = message.match(re);
    if (m) {
      const [key, values] = to(m);
      return t(key, { field: humanField(field), ...values });
    }
  }
  if (/^(is|are|must|needs?|has|have|may|can|cannot|should)\b/i.test(message)) {
    return `${humanField(field)} ${message}`;
  }
  return capitalise(message);
}

/** Length check in user-perceived characters (what the server counts, roughly). */
export function charLength(s: string): number {
  return [...s].length;
}
