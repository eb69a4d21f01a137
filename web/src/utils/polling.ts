/** Bounds for a server-suggested poll interval (X-Poll-Interval-Ms). */
export const MIN_POLL_MS = 500;
export const MAX_POLL_MS = 60_000;

/** Reads X-Poll-Interval-Ms; null when absent or nonsense. */
export function parsePollInterval(header: string | null): number | null {
  if (!header) return null;
  const ms = Number(header.trim());
  if (!Number.isFinite(ms) || ms <= 0) return null;
  return Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, Math.round(ms)));
}

export interface BackoffOptions {
  /** First delay, ms. */
  base?: number;
  /** Largest delay, ms. */
  cap?: number;
  /** 0..1 source of jitter (tests pass a constant). */
  random?: () => number;
}

/**
 * Exponential back-off with "equal jitter": attempt 1 waits base..., each
 * failure doubles it up to cap; the delay is between half and all of that,
 * so thousands of phones that lost the venue Wi-Fi together don't come back
 * in one burst.
 */
export function backoffDelay(attempt: number, opts: BackoffOptions = {}): number {
  const base = opts.base ?? 1000;
  const cap = opts.cap ?? 30_000;
  const random = opts.random ?? Math.random;
  const n = Math.max(1, Math.floor(attempt));
  const exp = Math.min(cap, base * 2 ** (n - 1));
  return Math.round(exp / 2 + (random() * exp) / 2);
}

/**
 * Estimates serverTime - clientTime from a response's Date header, taking the
 * middle of the request as the moment the server stamped it. Date has whole
 * seconds, so the estimate is within about a second.
 */
export function clockOffset(dateHeader: string | null, sentAt: number, receivedAt: number): number | null {
  if (!dateHeader) return null;
  const server = Date.parse(dateHeader);
  if (Number.isNaN(server)) return null;
  // The header truncates to the second: the true instant is on average 0.5 s later.
  return server + 500 - (sentAt + receivedAt) / 2;
}
