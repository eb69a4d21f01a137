import { ApiError, NetworkError } from '../services/api';
import type { FieldErrors } from '../types/api';

/** Field errors and a general message, from any error a call may throw. */
export interface FormErrors {
  fields: FieldErrors;
  general: string | null;
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
    return { fields, general };
  }
  return { fields: {}, general: describeError(err) };
}

/** A short sentence for a person, whatever went wrong. */
export function describeError(err: unknown): string {
  if (err instanceof NetworkError) return 'No connection. Check the Wi-Fi and try again.';
  if (err instanceof ApiError) {
    if (err.status === 429) return 'Too many tries at once. Wait a moment and try again.';
    if (err.status === 503) return 'The service is busy. Trying again shortly.';
    if (err.status >= 500) return 'Something went wrong on our side. Try again.';
    const detail = err.problem?.detail;
    if (detail && detail !== 'validation failed') return capitalise(detail);
    const first = err.problem?.errors?.[0];
    if (first) return first.field ? fieldMessage(first.field, first.message) : capitalise(first.message);
    return err.problem?.title ?? `Request failed (${err.status})`;
  }
  if (err instanceof Error && err.message) return err.message;
  return 'Something went wrong.';
}

export function capitalise(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

const FIELD_NAMES: Record<string, string> = {
  admin_id: 'Your name',
  time_limit_s: 'Time limit',
  max_entries_per_participant: 'Entries per person',
  max_choices: 'Maximum choices',
  option_ids: 'Your choice',
  label: 'Option',
  correct: 'Right answer',
  text: 'Text',
  value: 'Rating',
  nickname: 'Nickname',
  name: 'Name',
  description: 'Description',
  title: 'Title',
  options: 'Options',
  settings: 'Settings',
  points: 'Points',
  min: 'Lowest value',
  max: 'Highest value',
  multiple: 'Several choices',
  moderation: 'Moderation',
};

/** 'settings.time_limit_s' → 'Time limit'; 'options[1].label' → 'Option'. */
export function humanField(field: string): string {
  const last = (field.split('.').pop() ?? field).replace(/\[\d+\]/g, '');
  return FIELD_NAMES[last] ?? capitalise(last.replace(/_/g, ' '));
}

/**
 * The server's field messages continue the field's name ("is required",
 * "must be between 5 and 300 seconds"): make them a sentence.
 */
export function fieldMessage(field: string, message: string): string {
  if (/^(is|are|must|needs?|has|have|may|can|cannot|should)\b/i.test(message)) {
    return `${humanField(field)} ${message}`;
  }
  return capitalise(message);
}

/** Length check in user-perceived characters (what the server counts, roughly). */
export function charLength(s: string): number {
  return [...s].length;
}
