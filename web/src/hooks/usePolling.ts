import { useEffect, useMemo } from 'react';
import { useQuery, useQueryClient, type Query } from '@tanstack/react-query';
import { ApiError, NetworkError, authHeaders, errorFrom, isRetryable } from '../services/api';
import { backoffDelay, clockOffset, parsePollInterval, type BackoffOptions } from '../utils/polling';

export const DEFAULT_POLL_MS = 2000;
/**
 * The longest wait between two failed polls: a phone is back within a few
 * seconds of the server (or the venue Wi-Fi) coming back, and jitter still
 * spreads thousands of phones over the window.
 */
export const POLL_BACKOFF_CAP_MS = 5000;

/** One polled answer with what its headers said. */
export interface PollEnvelope<T> {
  data: T;
  etag: string | null;
  /** X-Poll-Interval-Ms, when the server suggested one. */
  pollIntervalMs: number | null;
  /** Estimated server clock minus this device's clock (Date header), ms. */
  serverOffsetMs: number | null;
}

export interface UsePollingOptions<T> {
  /** Poll every this many ms unless the server suggests otherwise. */
  interval?: number;
  enabled?: boolean;
  /** Sent as Authorization: Bearer. */
  token?: string | null;
  queryKey?: readonly unknown[];
  backoff?: BackoffOptions;
  /** Called once when the server answers 401 or 403 (the token is no good). */
  onAuthError?: (err: ApiError) => void;
  /** Called with every new body (not with unchanged ones). */
  onData?: (data: T) => void;
  /**
   * Fetch on mount and when refetched, never on a timer, on focus or on
   * reconnect (errors are still retried): for documents that change only
   * when something says so (the phone's /participants/me).
   */
  manual?: boolean;
  /**
   * Keep retrying 401/403 for this long before taking them as final. The
   * server's read side learns a new token from its projector a moment after
   * the write (and again after a Redis flush), so a fresh identity may be
   * refused briefly.
   */
  authGraceMs?: number;
}

export interface UsePollingResult<T> {
  data: T | undefined;
  /** A final error (4xx other than 429); transient ones are retried and show in isReconnecting. */
  error: ApiError | null;
  isLoading: boolean;
  /**
   * The last poll(s) failed transiently (network, 429, 5xx such as a 503
   * during a Redis rebuild) and the hook is backing off before trying again.
   * Auth errors retried within authGraceMs do not count: they are not a
   * connection problem.
   */
  isReconnecting: boolean;
  failureCount: number;
  etag: string | null;
  /** The interval in force (server-suggested or the default). */
  interval: number;
  /** serverTime ≈ Date.now() + serverOffsetMs. */
  serverOffsetMs: number;
  refetch: () => void;
}

function isFinal(err: unknown): err is ApiError {
  return err instanceof ApiError && !isRetryable(err);
}

/** First moment of the current run of auth failures, per query key. */
const authFailingSince = new Map<string, number>();

/**
 * Polls a URL with TanStack Query, the way thousands of phones on one venue
 * Wi-Fi should:
 * - through the browser's HTTP cache, in `no-cache` mode: the browser
 *   revalidates every poll with If-None-Match (the server's ETag) and a 304
 *   reaches us as the cached 200 (a bare 304, as some stacks deliver, keeps
 *   the previous data); an unchanged ETag skips parsing;
 * - every `interval` ms, or what the server suggests in X-Poll-Interval-Ms;
 * - not while the tab is hidden (document.visibilityState), and at once when
 *   it is shown again;
 * - on errors, retrying with exponential back-off capped at
 *   POLL_BACKOFF_CAP_MS (and Retry-After), reporting isReconnecting
 *   meanwhile, and at once when the browser comes back online or the tab is
 *   shown again; 401/403/404 are final (401/403 only after authGraceMs, when
 *   one is given).
 */
export function usePolling<T>(url: string | null, options: UsePollingOptions<T> = {}): UsePollingResult<T> {
  const { interval = DEFAULT_POLL_MS, enabled = true, token = null, onAuthError, onData, authGraceMs = 0, manual = false } = options;
  const backoff: BackoffOptions = { cap: POLL_BACKOFF_CAP_MS, ...options.backoff };
  const queryClient = useQueryClient();
  const queryKey = useMemo(() => options.queryKey ?? ['poll', url, token], [options.queryKey, url, token]);
  const keyHash = JSON.stringify(queryKey);

  // Whether an error ends polling: 4xx other than 429, except auth errors
  // still within their grace period.
  const endsPolling = (err: unknown): boolean => {
    if (!isFinal(err)) return false;
    if (err.isAuth && authGraceMs > 0) {
      const since = authFailingSince.get(keyHash) ?? Date.now();
      authFailingSince.set(keyHash, since);
      return Date.now() - since >= authGraceMs;
    }
    return true;
  };

  const query = useQuery<PollEnvelope<T>, unknown>({
    queryKey,
    enabled: enabled && url !== null,
    networkMode: 'always',
    staleTime: 0,
    gcTime: 5 * 60_000,
    refetchOnWindowFocus: !manual,
    refetchOnReconnect: !manual,
    refetchIntervalInBackground: false,
    refetchInterval: (q: Query<PollEnvelope<T>, unknown>) => {
      if (manual) return false;
      if (q.state.status === 'error' && isFinal(q.state.error)) return false;
      return q.state.data?.pollIntervalMs ?? interval;
    },
    retry: (_failures, err) => !endsPolling(err),
    retryDelay: (failures, err) => {
      if (err instanceof ApiError && err.isAuth) return Math.min(500 * (failures + 1), 2000);
      const wait = backoffDelay(failures + 1, backoff);
      const after = err instanceof ApiError ? err.retryAfterMs : null;
      return after !== null ? Math.max(wait, Math.min(after, backoff.cap ?? POLL_BACKOFF_CAP_MS)) : wait;
    },
    queryFn: async ({ signal }) => {
      if (url === null) throw new Error('no url');
      const prev = queryClient.getQueryData<PollEnvelope<T>>(queryKey);
      const sentAt = Date.now();
      let res: Response;
      try {
        // no-cache: revalidate with the server on every poll (a conditional
        // request with the cached ETag, a 304 comes back as the cached 200),
        // whatever the response's Cache-Control allows: under
        // stale-while-revalidate the browser would otherwise hand back the
        // previous poll's copy and revalidate behind it, one interval late.
        res = await fetch(url, { headers: { Accept: 'application/json', ...authHeaders(token) }, signal, cache: 'no-cache' });
      } catch (err) {
        if (signal.aborted) throw err;
        throw new NetworkError(err);
      }
      const pollIntervalMs = parsePollInterval(res.headers.get('X-Poll-Interval-Ms')) ?? prev?.pollIntervalMs ?? null;
      const measured = clockOffset(res.headers.get('Date'), sentAt, Date.now());
      // Keep the earlier estimate unless this one moved by more than the
      // header's one-second resolution: the envelope then stays deep-equal
      // and unchanged polls render nothing.
      const serverOffsetMs =
        measured === null
          ? (prev?.serverOffsetMs ?? null)
          : prev?.serverOffsetMs != null && Math.abs(prev.serverOffsetMs - measured) < 1000
            ? prev.serverOffsetMs
            : Math.round(measured);
      if (res.status === 304) {
        authFailingSince.delete(keyHash);
        if (!prev) throw new Error('304 Not Modified without a cached answer');
        return { ...prev, pollIntervalMs, serverOffsetMs };
      }
      if (!res.ok) throw await errorFrom(res);
      authFailingSince.delete(keyHash);
      const etag = res.headers.get('ETag');
      if (prev && etag && prev.etag === etag) {
        return { ...prev, pollIntervalMs, serverOffsetMs };
      }
      const data = (await res.json()) as T;
      return { data, etag, pollIntervalMs, serverOffsetMs };
    },
  });

  // Back online, or the tab shown again, while backing off after failures:
  // poll now instead of at the end of the wait. (Without failures TanStack's
  // own focus and reconnect refetches do it.)
  const active = enabled && url !== null && !manual;
  useEffect(() => {
    if (!active) return;
    const now = () => {
      if (document.visibilityState === 'hidden') return;
      const q = queryClient.getQueryCache().find({ queryKey, exact: true });
      if (!q || q.state.fetchFailureCount === 0) return;
      // With data, refetchQueries cancels the waiting retry and starts a
      // fetch synchronously, so TanStack's own focus refetch joins it.
      if (q.state.data !== undefined) void queryClient.refetchQueries({ queryKey, exact: true }, { cancelRefetch: true });
      else void queryClient.cancelQueries({ queryKey, exact: true }).then(() => queryClient.refetchQueries({ queryKey, exact: true }));
    };
    window.addEventListener('online', now);
    document.addEventListener('visibilitychange', now);
    return () => {
      window.removeEventListener('online', now);
      document.removeEventListener('visibilitychange', now);
    };
  }, [active, queryClient, keyHash]);

  const finalError = isFinal(query.error) ? query.error : null;
  const data = query.data?.data;
  const failure = query.failureReason;
  const inAuthGrace = failure instanceof ApiError && failure.isAuth;

  useEffect(() => {
    if (finalError?.isAuth) onAuthError?.(finalError);
    // onAuthError is called once per new error object.
  }, [finalError]);

  useEffect(() => {
    if (data !== undefined) onData?.(data);
  }, [data]);

  return {
    data,
    error: finalError,
    isLoading: query.isLoading,
    isReconnecting: query.failureCount > 0 && !finalError && !inAuthGrace,
    failureCount: query.failureCount,
    etag: query.data?.etag ?? null,
    interval: query.data?.pollIntervalMs ?? interval,
    serverOffsetMs: query.data?.serverOffsetMs ?? 0,
    refetch: () => void query.refetch(),
  };
}
