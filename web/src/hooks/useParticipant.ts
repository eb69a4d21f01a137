import { useCallback, useMemo, useState } from 'react';
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
  join: (nickname: string, joinCode?: string) => Promise<StoredParticipant>;
  refreshMe: () => void;
}

export function meQueryKey(sessionId: string, token: string | null) {
  return ['me', sessionId, token] as const;
}

/**
 * This browser's identity in a session: kept in localStorage so a reload or
 * a later visit stays the same person; checked against
 * GET /participants/me (polled: answered activities, score, rank), and
 * dropped when the server refuses the token.
 */
export function useParticipant(sessionId: string): UseParticipantResult {
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
    authGraceMs: 6000,
  });

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

  const refreshMe = useCallback(() => {
    const again = () => void queryClient.refetchQueries({ queryKey, exact: true });
    again();
    setTimeout(again, 400);
    setTimeout(again, 1500);
  }, [queryClient, queryKey]);

  return { identity, me: me.data, dropped, join, refreshMe };
}
