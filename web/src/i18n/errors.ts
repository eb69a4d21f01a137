import { ApiError } from '../services/api';
import { currentLanguage, i18n, t } from './index';

/**
 * The codes of a problem's kind (not of a specific problem): in English the
 * server's own detail says more than a generic sentence, so it wins there.
 */
const KIND_CODES = new Set([
  'validation_failed',
  'bad_request',
  'not_found',
  'conflict',
  'unauthorized',
  'forbidden',
  'unavailable',
  'rate_limited',
  'too_large',
  'internal',
]);

/** The problem's stable machine code, when the server sent one. */
export function problemCode(err: unknown): string | undefined {
  if (!(err instanceof ApiError)) return undefined;
  const code = err.problem?.code;
  return typeof code === 'string' && code ? code : undefined;
}

/**
 * A problem's message in the active language, from its `code` (errors.<code>
 * in the catalog); undefined when there is no code, no message for it, or
 * (English, a kind's code) the server's detail says it better.
 */
export function problemMessage(err: unknown): string | undefined {
  const code = problemCode(err);
  if (!code) return undefined;
  const key = `errors.${code}`;
  if (!i18n.exists(key)) return undefined;
  if (KIND_CODES.has(code) && currentLanguage() === 'en' && err instanceof ApiError && err.problem?.detail) return undefined;
  return t(key);
}
