import { act, renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ME_AFTER_ACTION_MS, ME_AUTH_GRACE_MS, useParticipant } from './useParticipant';
import { participantStore } from '../services/storage';
import { withQuery } from '../test/render';
import { meFixture } from '../test/fixtures';

const SID = 's1';
const ME_PATH = `/api/v1/sessions/${SID}/participants/me`;

interface Reply {
  status?: number;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

/** A fetch for /participants/me that answers from a queue (the last reply repeats). */
function scriptedMe(replies: Reply[]) {
  const queue = [...replies];
  const fn = vi.fn(async (input: RequestInfo | URL, _init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    if (url.pathname !== ME_PATH) return new Response(`no mock for ${url.pathname}`, { status: 599 });
    const r = queue.length > 1 ? queue.shift()! : queue[0]!;
    const status = r.status ?? 200;
    const body = status === 304 ? null : (r.raw ?? JSON.stringify(r.body ?? {}));
    return new Response(body, { status, headers: { 'Content-Type': 'application/json', ...r.headers } });
  });
  vi.stubGlobal('fetch', fn);
  return fn;
}

const unavailable: Reply = {
  status: 503,
  body: { type: 'urn:caja:problem:unavailable', title: 'Service Unavailable', status: 503, detail: 'rebuilding' },
  headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '1' },
};
const unauthorized: Reply = {
  status: 401,
  body: { type: 'urn:caja:problem:unauthorized', title: 'Unauthorized', status: 401, detail: 'unknown token' },
  headers: { 'Content-Type': 'application/problem+json' },
};

function storeIdentity(token: string) {
  participantStore.set({ id: 'p1', nickname: 'Ana', token, sessionId: SID, joinedAt: '2030-01-01T10:00:00Z' });
}

async function tick(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

describe('useParticipant: /participants/me only when something says so', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(1); // back-off without jitter
  });

  it('waits for the first poll, fetches once, and never again on a timer', async () => {
    storeIdentity('tok-once');
    const fetchFn = scriptedMe([{ body: meFixture({ score: 10 }), headers: { ETag: '"m1"' } }]);
    const { result, rerender } = renderHook(({ marker }: { marker?: string }) => useParticipant(SID, marker), {
      wrapper: withQuery(),
      initialProps: {},
    });
    await tick(3000);
    expect(fetchFn).toHaveBeenCalledTimes(0); // no /state answer yet
    rerender({ marker: 'm-1' });
    await tick(10);
    expect(fetchFn).toHaveBeenCalledTimes(1);
    expect(result.current.me?.score).toBe(10);
    await tick(60_000);
    rerender({ marker: 'm-1' }); // the same marker on every poll
    await tick(10);
    expect(fetchFn).toHaveBeenCalledTimes(1);
  });

  it('fetches again when me_marker changes, through the HTTP cache (Bearer, no If-None-Match)', async () => {
    storeIdentity('tok-cache');
    const fetchFn = scriptedMe([
      { body: meFixture({ score: 10 }), headers: { ETag: '"m1"' } },
      // The browser turns a 304 into the cached 200: same ETag, not parsed again.
      { raw: 'not JSON: must not be parsed', headers: { ETag: '"m1"' } },
      { body: meFixture({ score: 20, rank: 1 }), headers: { ETag: '"m2"' } },
    ]);
    const { result, rerender } = renderHook(({ marker }: { marker?: string }) => useParticipant(SID, marker), {
      wrapper: withQuery(),
      initialProps: { marker: 'a' },
    });
    await tick(10);
    const first = result.current.me;
    expect(first?.score).toBe(10);
    rerender({ marker: 'b' });
    await tick(10);
    expect(fetchFn).toHaveBeenCalledTimes(2);
    expect(result.current.me).toBe(first);
    rerender({ marker: 'c' }); // e.g. the quiz answer was revealed: score and rank at once
    await tick(10);
    expect(fetchFn).toHaveBeenCalledTimes(3);
    expect(result.current.me?.rank).toBe(1);
    for (const [, init] of fetchFn.mock.calls) {
      const headers = new Headers(init?.headers);
      expect(headers.get('Authorization')).toBe('Bearer tok-cache');
      expect(headers.has('If-None-Match')).toBe(false);
      expect(init?.cache).toBe('no-cache');
    }
  });

  it('fetches when the phone acts: now and once more after the write is projected', async () => {
    storeIdentity('tok-act');
    const fetchFn = scriptedMe([{ body: meFixture(), headers: { ETag: '"m1"' } }]);
    const { result } = renderHook(() => useParticipant(SID, 'm'), { wrapper: withQuery() });
    await tick(10);
    expect(fetchFn).toHaveBeenCalledTimes(1);
    act(() => result.current.refreshMe());
    await tick(10);
    expect(fetchFn).toHaveBeenCalledTimes(2);
    await tick(ME_AFTER_ACTION_MS);
    expect(fetchFn).toHaveBeenCalledTimes(3);
    await tick(30_000);
    expect(fetchFn).toHaveBeenCalledTimes(3);
  });

  it('takes a 503 (Redis rebuild) as transient: reconnecting, the identity kept, then recovers', async () => {
    storeIdentity('tok-503');
    const fetchFn = scriptedMe([
      unavailable,
      unavailable,
      unavailable,
      unavailable,
      unavailable,
      { body: meFixture({ score: 7 }), headers: { ETag: '"b"' } },
    ]);
    const { result } = renderHook(() => useParticipant(SID, 'm'), { wrapper: withQuery() });
    await tick(10);
    expect(result.current.reconnecting).toBe(true);
    await tick(8000); // past the 6 s auth grace: a 503 is never an identity loss
    expect(fetchFn.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect(result.current.reconnecting).toBe(true);
    expect(result.current.dropped).toBe(false);
    await tick(20_000); // back-off 1, 2, 4, 5 s: the 200 comes
    expect(fetchFn.mock.calls.length).toBe(6);
    expect(result.current.dropped).toBe(false);
    expect(participantStore.get(SID)?.token).toBe('tok-503');
    expect(result.current.me?.score).toBe(7);
    expect(result.current.reconnecting).toBe(false);
  });

  it('keeps a fresh token through 401s within the grace period (not shown as reconnecting)', async () => {
    storeIdentity('tok-fresh');
    scriptedMe([unauthorized, unauthorized, unauthorized, { body: meFixture({ nickname: 'Ana' }), headers: { ETag: '"x"' } }]);
    const { result } = renderHook(() => useParticipant(SID, 'm'), { wrapper: withQuery() });
    await tick(600);
    expect(result.current.reconnecting).toBe(false);
    expect(result.current.dropped).toBe(false);
    await tick(4000);
    expect(result.current.me?.nickname).toBe('Ana');
    expect(result.current.dropped).toBe(false);
    expect(participantStore.get(SID)?.token).toBe('tok-fresh');
  });

  it('a removed phone learns it from the marker change: 401 past the grace period drops the identity', async () => {
    storeIdentity('tok-kicked');
    const fetchFn = scriptedMe([{ body: meFixture(), headers: { ETag: '"m1"' } }, unauthorized]);
    const { result, rerender } = renderHook(({ marker }: { marker?: string }) => useParticipant(SID, marker), {
      wrapper: withQuery(),
      initialProps: { marker: 'before' },
    });
    await tick(10);
    expect(result.current.me?.id).toBe('p1');
    rerender({ marker: 'after-kick' });
    await tick(ME_AUTH_GRACE_MS - 1500);
    expect(result.current.dropped).toBe(false);
    await tick(4000);
    expect(fetchFn.mock.calls.length).toBeGreaterThan(2);
    expect(result.current.dropped).toBe(true);
    expect(result.current.identity).toBeNull();
    expect(participantStore.get(SID)).toBeNull();
  });

  it('takes a 404 from /me (the participant is gone) as a lost identity too', async () => {
    storeIdentity('tok-404');
    scriptedMe([{ status: 404, body: { title: 'Not Found', status: 404, detail: 'no such participant' }, headers: { 'Content-Type': 'application/problem+json' } }]);
    const { result } = renderHook(() => useParticipant(SID, 'm'), { wrapper: withQuery() });
    await tick(10);
    expect(result.current.dropped).toBe(true);
    expect(participantStore.get(SID)).toBeNull();
  });
});
