import { act, renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ME_AUTH_GRACE_MS, useParticipant } from './useParticipant';
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

describe('useParticipant: polling /participants/me', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(1); // back-off without jitter
  });

  it('polls through the HTTP cache (Bearer, no If-None-Match) and keeps me on a 304 seen as the cached 200', async () => {
    storeIdentity('tok-cache');
    const fetchFn = scriptedMe([
      { body: meFixture({ score: 10 }), headers: { ETag: '"m1"' } },
      { status: 304, headers: { ETag: '"m1"' } },
      // The browser turns a 304 into the cached 200: same ETag, not parsed again.
      { raw: 'not JSON: must not be parsed', headers: { ETag: '"m1"' } },
      { body: meFixture({ score: 20 }), headers: { ETag: '"m2"' } },
    ]);
    const { result } = renderHook(() => useParticipant(SID), { wrapper: withQuery() });
    await tick(10);
    const first = result.current.me;
    expect(first?.score).toBe(10);
    await tick(2000);
    await tick(2000);
    expect(fetchFn).toHaveBeenCalledTimes(3);
    expect(result.current.me).toBe(first);
    expect(result.current.reconnecting).toBe(false);
    await tick(2000);
    expect(result.current.me?.score).toBe(20);
    for (const [, init] of fetchFn.mock.calls) {
      const headers = new Headers(init?.headers);
      expect(headers.get('Authorization')).toBe('Bearer tok-cache');
      expect(headers.has('If-None-Match')).toBe(false);
      expect(init?.cache).toBeUndefined();
    }
  });

  it('takes a 503 (Redis rebuild) as transient: reconnecting, the identity kept, then recovers', async () => {
    storeIdentity('tok-503');
    const fetchFn = scriptedMe([
      { body: meFixture({ score: 5 }), headers: { ETag: '"a"' } },
      unavailable,
      unavailable,
      unavailable,
      unavailable,
      unavailable,
      { body: meFixture({ score: 7 }), headers: { ETag: '"b"' } },
    ]);
    const { result } = renderHook(() => useParticipant(SID), { wrapper: withQuery() });
    await tick(10);
    expect(result.current.me?.score).toBe(5);
    await tick(2000); // the first 503
    expect(result.current.reconnecting).toBe(true);
    await tick(8000); // past the 6 s auth grace: a 503 is never an identity loss
    expect(fetchFn.mock.calls.length).toBeGreaterThanOrEqual(4);
    expect(result.current.reconnecting).toBe(true);
    expect(result.current.dropped).toBe(false);
    expect(result.current.me?.score).toBe(5); // the last good answer stays
    await tick(30_000); // back-off 1, 2, 4, 8, 16 s: the 200 comes
    expect(fetchFn.mock.calls.length).toBeGreaterThanOrEqual(7);
    expect(result.current.dropped).toBe(false);
    expect(result.current.identity?.token).toBe('tok-503');
    expect(participantStore.get(SID)?.token).toBe('tok-503');
    expect(result.current.me?.score).toBe(7);
    expect(result.current.reconnecting).toBe(false);
  });

  it('keeps a fresh token through 401s within the grace period (not shown as reconnecting)', async () => {
    storeIdentity('tok-fresh');
    scriptedMe([unauthorized, unauthorized, unauthorized, { body: meFixture({ nickname: 'Ana' }), headers: { ETag: '"x"' } }]);
    const { result } = renderHook(() => useParticipant(SID), { wrapper: withQuery() });
    await tick(600);
    expect(result.current.reconnecting).toBe(false);
    expect(result.current.dropped).toBe(false);
    await tick(4000);
    expect(result.current.me?.nickname).toBe('Ana');
    expect(result.current.dropped).toBe(false);
    expect(participantStore.get(SID)?.token).toBe('tok-fresh');
  });

  it('drops the identity once 401s outlast the grace period', async () => {
    storeIdentity('tok-gone');
    scriptedMe([unauthorized]);
    const { result } = renderHook(() => useParticipant(SID), { wrapper: withQuery() });
    await tick(ME_AUTH_GRACE_MS - 1500);
    expect(result.current.dropped).toBe(false);
    expect(result.current.identity).not.toBeNull();
    await tick(4000);
    expect(result.current.dropped).toBe(true);
    expect(result.current.identity).toBeNull();
    expect(participantStore.get(SID)).toBeNull();
  });
});
