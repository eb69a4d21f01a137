import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { usePolling } from './usePolling';
import { API_BASE } from '../services/api';
import { participantApi } from '../services/participantApi';
import { enc } from '../services/sessionApi';
import { participantStore, type StoredParticipant } from '../services/storage';
import type { Me } from '../types/session';

export interface UseParticipantResult {
  identity: StoredParticipant | null;
  me: Me | undefined;
  /** The stored identity was refused (401/403) and dropped: join again. */
  dropped: boolean;
  /**
   * /participants/me is failing transiently (network, 5xx: a 503 while the
   * server rebuilds its read model) and being retried: the identity is kept.
   */
  reconnecting: boolean;
  join: (nickname: string, joinCode?: string) => Promise<StoredParticipant>;
  refreshMe: () => void;
}

/**
 * How long 401/403 from /participants/me are retried before the identity is
 * dropped: the server's read side learns a freshly issued token a moment
 * after the join (and again after a Redis flush).
 */
export const ME_AUTH_GRACE_MS = 6000;

export function meQueryKey(sessionId: string, token: string | null) {
  return ['me', sessionId, token] as const;
}

/** The delay of the second /me after an action: the read side projects the write by then. */
export const ME_AFTER_ACTION_MS = 1000;

/**
 * This browser's identity in a session: kept in localStorage so a reload or
 * a later visit stays the same person; checked against
 * GET /participants/me (through the browser's HTTP cache: the server's ETag
 * and `Cache-Control: private, no-cache` make the browser revalidate, and a
 * 304 reaches us as the cached 200), and dropped only when the server keeps
 * refusing the token (401/403) for longer than ME_AUTH_GRACE_MS. Errors that
 * say "try again" (network, 429, 503 during a Redis rebuild) are retried with
 * back-off and reported as reconnecting, never taken as a lost identity.
 *
 * /me is never polled on a timer of its own: in steady state a phone makes
 * one request (/state) per interval. It is fetched once `marker` is known
 * (the first successful /state poll), whenever `marker` changes (the
 * participant view's me_marker: a reveal scored answers, someone was
 * removed…), and when the phone itself acts (refreshMe: joins, answers, asks,
 * upvotes).
 */
export function useParticipant(sessionId: string, marker?: string): UseParticipantResult {
  const queryClient = useQueryClient();
  const [identity, setIdentity] = useState<StoredParticipant | null>(() => participantStore.get(sessionId));
  const [dropped, setDropped] = useState(false);
  const token = identity?.token ?? null;
  const queryKey = useMemo(() => meQueryKey(sessionId, token), [sessionId, token]);

  const onAuthError = useCallback(() => {
    participantStore.drop(sessionId);
    setIdentity(null);
    setDropped(true);
  }, [sessionId]);

  const me = usePolling<Me>(token ? `${API_BASE}/sessions/${enc(sessionId)}/participants/me` : null, {
    token,
    queryKey,
    onAuthError,
    authGraceMs: ME_AUTH_GRACE_MS,
    manual: true,
    enabled: marker !== undefined,
  });

  // A removed participant's /me answers 401 (after the grace period, above)
  // or, from some servers, 404: either way this identity is gone.
  useEffect(() => {
    if (me.error?.status === 404) onAuthError();
  }, [me.error, onAuthError]);

  // A new marker: something in this phone's own document may have changed.
  const lastMarker = useRef(marker);
  useEffect(() => {
    const seen = lastMarker.current;
    lastMarker.current = marker;
    if (seen !== undefined && marker !== undefined && marker !== seen) {
      void queryClient.refetchQueries({ queryKey, exact: true });
    }
  }, [marker, queryClient, queryKey]);

  const join = useCallback(
    async (nickname: string, joinCode?: string) => {
      const p = await participantApi.join(sessionId, nickname.trim());
      const stored: StoredParticipant = {
        ...p,
        sessionId,
        joinedAt: new Date().toISOString(),
        ...(joinCode ? { joinCode } : {}),
      };
      participantStore.set(stored);
      setDropped(false);
      setIdentity(stored);
      return stored;
    },
    [sessionId],
  );

  // After an action: now, and once more when the write has surely been projected.
  const later = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (later.current && clearTimeout(later.current)), []);
  const refreshMe = useCallback(() => {
    const again = () => void queryClient.refetchQueries({ queryKey, exact: true });
    again();
    if (later.current) clearTimeout(later.current);
    later.current = setTimeout(again, ME_AFTER_ACTION_MS);
  }, [queryClient, queryKey]);

  return { identity, me: me.data, dropped, reconnecting: me.isReconnecting, join, refreshMe };
}
