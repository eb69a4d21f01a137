import type { FieldErrors, Problem } from '../types/api';

export const API_BASE = '/api/v1';

/** An HTTP answer that was not a success, with its problem+json details. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;
  /** From Retry-After (429, 503), in milliseconds. */
  readonly retryAfterMs: number | null;

  constructor(status: number, problem: Problem | null, retryAfterMs: number | null = null) {
    super(problem?.detail || problem?.title || `Request failed (${status})`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfterMs = retryAfterMs;
  }

  /** Field path → message, for errors that name a field. */
  get fieldErrors(): FieldErrors {
    const out: FieldErrors = {};
    for (const e of this.problem?.errors ?? []) {
      if (e.field && !(e.field in out)) out[e.field] = e.message;
    }
    return out;
  }

  /** True when the token is missing, invalid, revoked or of another session. */
  get isAuth(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

/** The request never got an HTTP answer (offline, connection reset, …). */
export class NetworkError extends Error {
  constructor(cause?: unknown) {
    super('Network unavailable');
    this.name = 'NetworkError';
    this.cause = cause;
  }
}

/** Whether trying the same request again later may succeed. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof NetworkError) return true;
  if (err instanceof ApiError) return err.status === 429 || err.status >= 500;
  return false;
}

export function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const secs = Number(value);
  if (Number.isFinite(secs) && secs >= 0) return secs * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/** Reads an error answer into an ApiError (problem+json when there is one). */
export async function errorFrom(res: Response): Promise<ApiError> {
  let problem: Problem | null = null;
  try {
    const text = await res.text();
    if (text) problem = JSON.parse(text) as Problem;
  } catch {
    problem = null;
  }
  return new ApiError(res.status, problem, parseRetryAfter(res.headers.get('Retry-After')));
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  token?: string | null;
  signal?: AbortSignal;
}

export function authHeaders(token?: string | null): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** Calls the Caja API; resolves with the JSON body (undefined for 204). */
export async function apiRequest<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...authHeaders(opts.token) };
  const init: RequestInit = { method: opts.method ?? 'GET', headers };
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(opts.body);
  }
  if (opts.signal) init.signal = opts.signal;
  let res: Response;
  try {
    res = await fetch(API_BASE + path, init);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new NetworkError(err);
  }
  if (!res.ok) throw await errorFrom(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Fetches an authorised file (exports) and hands it to the browser as a download (token null: the account's cookie). */
export async function downloadFile(path: string, token: string | null, filename: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(API_BASE + path, { headers: authHeaders(token) });
  } catch (err) {
    throw new NetworkError(err);
  }
  if (!res.ok) throw await errorFrom(res);
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    a.rel = 'noopener';
    document.body.appendChild(a);
    a.click();
    a.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/** Sends a file as multipart/form-data (the browser sets the boundary); resolves with the JSON body. */
export async function apiUpload<T>(path: string, field: string, file: Blob, token: string, filename?: string): Promise<T> {
  const form = new FormData();
  if (filename !== undefined) form.append(field, file, filename);
  else form.append(field, file);
  let res: Response;
  try {
    res = await fetch(API_BASE + path, { method: 'POST', headers: { Accept: 'application/json', ...authHeaders(token) }, body: form });
  } catch (err) {
    throw new NetworkError(err);
  }
  if (!res.ok) throw await errorFrom(res);
  return (await res.json()) as T;
}
