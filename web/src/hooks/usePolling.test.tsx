import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { usePolling } from './usePolling';
import { withQuery } from '../test/render';

const URL_ = '/api/v1/sessions/s1/state';

interface Reply {
  status?: number;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  fail?: boolean;
}

/** A fetch that answers from a queue of replies (the last one repeats). */
function scriptedFetch(replies: Reply[]) {
  const queue = [...replies];
  const fn = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => {
    const r = queue.length > 1 ? queue.shift()! : queue[0]!;
    if (r.fail) throw new TypeError('Failed to fetch');
    const status = r.status ?? 200;
    const body = status === 304 || status === 204 ? null : (r.raw ?? JSON.stringify(r.body ?? {}));
    return new Response(body, { status, headers: { 'Content-Type': 'application/json', ...r.headers } });
  });
  vi.stubGlobal('fetch', fn);
  return fn;
}

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
  window.dispatchEvent(new Event('visibilitychange'));
}

async function tick(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

describe('usePolling', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(1); // back-off without jitter: 1 s, 2 s, 4 s…
  });
  afterEach(() => {
    setVisibility('visible');
  });

  it('fetches at once and then every interval (2 s by default)', async () => {
    const fetchFn = scriptedFetch([{ body: { n: 1 }, headers: { ETag: '"a"' } }]);
    const { result } = renderHook(() => usePolling<{ n: number }>(URL_), { wrapper: withQuery() });
    await tick(10);
    expect(fetchFn).toHaveBeenCalledTimes(1);
    expect(result.current.data).toEqual({ n: 1 });
    await tick(2000);
    expect(fetchFn).toHaveBeenCalledTimes(2);
    await tick(2000);
    expect(fetchFn).toHaveBeenCalledTimes(3);
  });

  it('lets the browser cache do conditional requests (no-cache mode): never sets If-None-Match itself', async () => {
    const fetchFn = scriptedFetch([{ body: { n: 1 }, headers: { ETag: '"a"' } }]);
    renderHook(() => usePolling(URL_, { token: 'tok' }), { wrapper: withQuery() });
    await tick(2010);
    expect(fetchFn).toHaveBeenCalledTimes(2);
    for (const [, init] of fetchFn.mock.calls) {
      const headers = new Headers(init?.headers);
      expect(headers.has('If-None-Match')).toBe(false);
      expect(headers.get('Authorization')).toBe('Bearer tok');
      // no-cache mode: the HTTP cache revalidates every poll, even under stale-while-revalidate.
      expect(init?.cache).toBe('no-cache');
    }
  });

  it('keeps the previous data on a 304 and skips parsing an unchanged ETag', async () => {
    const fetchFn = scriptedFetch([
      { body: { n: 1 }, headers: { ETag: '"v1"' } },
      { status: 304, headers: { ETag: '"v1"' } },
      { raw: 'this is not JSON', headers: { ETag: '"v1"' } }, // same ETag: not parsed
      { body: { n: 2 }, headers: { ETag: '"v2"' } },
    ]);
    const { result } = renderHook(() => usePolling<{ n: number }>(URL_), { wrapper: withQuery() });
    await tick(10);
    const first = result.current.data;
    expect(first).toEqual({ n: 1 });
    expect(result.current.etag).toBe('"v1"');
    await tick(2000); // 304
    expect(fetchFn).toHaveBeenCalledTimes(2);
    expect(result.current.data).toBe(first);
    expect(result.current.isReconnecting).toBe(false);
    await tick(2000); // 200 with the same ETag
    expect(fetchFn).toHaveBeenCalledTimes(3);
    expect(result.current.data).toBe(first);
    expect(result.current.error).toBeNull();
    await tick(2000); // new ETag
    expect(result.current.data).toEqual({ n: 2 });
    expect(result.current.etag).toBe('"v2"');
  });

  it('honours the server-suggested interval (X-Poll-Interval-Ms)', async () => {
    const fetchFn = scriptedFetch([{ body: {}, headers: { 'X-Poll-Interval-Ms': '5000' } }]);
    const { result } = renderHook(() => usePolling(URL_, { interval: 2000 }), { wrapper: withQuery() });
    await tick(10);
    expect(result.current.interval).toBe(5000);
    await tick(4000);
    expect(fetchFn).toHaveBeenCalledTimes(1);
    await tick(1100);
    expect(fetchFn).toHaveBeenCalledTimes(2);
  });

  it('pauses while the tab is hidden and polls at once when it is shown again', async () => {
    const fetchFn = scriptedFetch([{ body: {} }]);
    renderHook(() => usePolling(URL_), { wrapper: withQuery() });
    await tick(10);
    expect(fetchFn).toHaveBeenCalledTimes(1);
    setVisibility('hidden');
    await tick(20_000);
    expect(fetchFn).toHaveBeenCalledTimes(1);
    setVisibility('visible');
    await tick(10);
    expect(fetchFn).toHaveBeenCalledTimes(2);
    await tick(2000);
    expect(fetchFn).toHaveBeenCalledTimes(3);
  });

  it('backs off exponentially on errors, capped, reports reconnecting, recovers', async () => {
    const fetchFn = scriptedFetch([
      { body: { n: 1 } },
      { fail: true },
      { status: 503, body: { title: 'unavailable' } },
      { fail: true },
      { fail: true },
      { fail: true },
      { body: { n: 2 } },
    ]);
    const { result } = renderHook(() => usePolling<{ n: number }>(URL_, { backoff: { base: 1000, cap: 4000 } }), { wrapper: withQuery() });
    await tick(10);
    expect(result.current.data).toEqual({ n: 1 });
    await tick(2000); // poll 2 fails
    expect(fetchFn).toHaveBeenCalledTimes(2);
    expect(result.current.isReconnecting).toBe(true);
    expect(result.current.data).toEqual({ n: 1 }); // the last good state stays on screen
    await tick(900);
    expect(fetchFn).toHaveBeenCalledTimes(2); // waits 1 s
    await tick(200);
    expect(fetchFn).toHaveBeenCalledTimes(3); // 503
    await tick(1800);
    expect(fetchFn).toHaveBeenCalledTimes(3); // then 2 s
    await tick(200);
    expect(fetchFn).toHaveBeenCalledTimes(4);
    await tick(3800);
    expect(fetchFn).toHaveBeenCalledTimes(4); // then 4 s
    await tick(200);
    expect(fetchFn).toHaveBeenCalledTimes(5);
    await tick(4000); // capped at 4 s, not 8
    expect(fetchFn).toHaveBeenCalledTimes(6);
    expect(result.current.isReconnecting).toBe(true);
    await tick(4000);
    expect(fetchFn).toHaveBeenCalledTimes(7);
    expect(result.current.data).toEqual({ n: 2 });
    expect(result.current.isReconnecting).toBe(false);
    expect(result.current.failureCount).toBe(0);
  });

  it('caps the back-off at 5 s by default (Retry-After too)', async () => {
    const fetchFn = scriptedFetch([
      { body: { n: 1 } },
      ...Array.from({ length: 6 }, () => ({ fail: true })),
      { status: 503, body: { title: 'unavailable' }, headers: { 'Retry-After': '120' } },
      { body: { n: 2 } },
    ]);
    const { result } = renderHook(() => usePolling<{ n: number }>(URL_), { wrapper: withQuery() });
    await tick(10);
    await tick(2000); // poll 2 fails; then 1, 2, 4, 5, 5 s
    for (const wait of [1000, 2000, 4000, 5000, 5000]) {
      const before = fetchFn.mock.calls.length;
      await tick(wait - 50);
      expect(fetchFn).toHaveBeenCalledTimes(before);
      await tick(50);
      expect(fetchFn).toHaveBeenCalledTimes(before + 1);
    }
    await tick(5000); // a 503 asking for 120 s…
    expect(fetchFn).toHaveBeenCalledTimes(8);
    await tick(5000); // …still waits only 5 s
    expect(fetchFn).toHaveBeenCalledTimes(9);
    expect(result.current.data).toEqual({ n: 2 });
  });

  it('polls at once when the browser comes back online or the tab is shown, instead of finishing the back-off', async () => {
    const fetchFn = scriptedFetch([{ body: { n: 1 } }, { fail: true }, { fail: true }, { fail: true }, { body: { n: 2 } }]);
    const { result } = renderHook(() => usePolling<{ n: number }>(URL_), { wrapper: withQuery() });
    await tick(10);
    await tick(2000); // fails
    await tick(1000); // fails again: now waiting 2 s
    expect(fetchFn).toHaveBeenCalledTimes(3);
    await act(async () => {
      window.dispatchEvent(new Event('online'));
    });
    await tick(10);
    expect(fetchFn).toHaveBeenCalledTimes(4); // fails: waiting again
    setVisibility('visible');
    await tick(10);
    expect(fetchFn).toHaveBeenCalledTimes(5);
    expect(result.current.data).toEqual({ n: 2 });
    expect(result.current.isReconnecting).toBe(false);
  });

  it('manual: fetches on mount and on refetch only, never on a timer or on focus', async () => {
    const fetchFn = scriptedFetch([{ body: { n: 1 } }]);
    const { result } = renderHook(() => usePolling<{ n: number }>(URL_, { manual: true }), { wrapper: withQuery() });
    await tick(10);
    expect(fetchFn).toHaveBeenCalledTimes(1);
    await tick(30_000);
    setVisibility('hidden');
    setVisibility('visible');
    await tick(10);
    expect(fetchFn).toHaveBeenCalledTimes(1);
    act(() => result.current.refetch());
    await tick(10);
    expect(fetchFn).toHaveBeenCalledTimes(2);
  });

  it('takes 401/403 as final: reports it once and stops polling', async () => {
    const onAuthError = vi.fn();
    const fetchFn = scriptedFetch([{ status: 401, body: { title: 'Unauthorized', status: 401 } }]);
    const { result } = renderHook(() => usePolling(URL_, { token: 'old', onAuthError }), { wrapper: withQuery() });
    await tick(10);
    expect(result.current.error?.status).toBe(401);
    expect(onAuthError).toHaveBeenCalledTimes(1);
    await tick(10_000);
    expect(fetchFn).toHaveBeenCalledTimes(1);
  });

  it('retries auth errors during a grace period before giving up', async () => {
    const onAuthError = vi.fn();
    scriptedFetch([{ status: 401, body: {} }, { status: 401, body: {} }, { body: { ok: true } }]);
    const { result } = renderHook(() => usePolling(URL_, { token: 'new', onAuthError, authGraceMs: 5000 }), { wrapper: withQuery() });
    await tick(3000);
    expect(result.current.data).toEqual({ ok: true });
    expect(onAuthError).not.toHaveBeenCalled();
  });

  it('measures the server clock offset from the Date header', async () => {
    vi.setSystemTime(new Date('2030-01-01T12:00:00.000Z'));
    scriptedFetch([{ body: {}, headers: { Date: 'Tue, 01 Jan 2030 12:00:10 GMT' } }]);
    const { result } = renderHook(() => usePolling(URL_), { wrapper: withQuery() });
    await tick(10);
    // server is ~10 s ahead (+0.5 s for the header's truncation to whole seconds)
    expect(result.current.serverOffsetMs).toBeGreaterThan(10_000);
    expect(result.current.serverOffsetMs).toBeLessThan(11_000);
  });
});
