import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { usePolling, DEFAULT_POLL_MS } from '../hooks/usePolling';
import { API_BASE, type ApiError } from '../services/api';
import { enc } from '../services/sessionApi';
import type { Activity } from '../types/activity';
import type { AdminState, DisplayState, ParticipantState } from '../types/state';

export type SessionView = 'participant' | 'display' | 'admin';

type AnyState = ParticipantState | DisplayState | AdminState;

export interface SessionContextValue<S extends AnyState = AnyState> {
  sessionId: string;
  view: SessionView;
  state: S | undefined;
  session: S['session'] | null;
  currentActivity: Activity | null;
  participantCount: number;
  loading: boolean;
  /** A final error (unknown session, bad key or token). */
  error: ApiError | null;
  reconnecting: boolean;
  /** Estimated server clock minus this device's clock, ms. */
  serverOffsetMs: number;
  /** The server's "now" in ms since the epoch. */
  serverNow: () => number;
  /** Polls at once, and again shortly (the server projects writes within milliseconds). */
  refresh: () => void;
}

const SessionContext = createContext<SessionContextValue | undefined>(undefined);

export function stateQueryKey(sessionId: string, view: SessionView) {
  return ['state', sessionId, view] as const;
}

export function stateUrl(sessionId: string, view: SessionView, displayKey?: string | null): string {
  const base = `${API_BASE}/sessions/${enc(sessionId)}/state`;
  if (view === 'display') return `${base}?view=display&key=${encodeURIComponent(displayKey ?? '')}`;
  if (view === 'admin') return `${base}?view=admin`;
  return base;
}

interface SessionProviderProps {
  sessionId: string;
  view?: SessionView;
  /** The display key (display view). */
  displayKey?: string | null;
  /** The admin token (admin view). */
  adminToken?: string | null;
  interval?: number;
  onAuthError?: (err: ApiError) => void;
  children: ReactNode;
}

/** Polls a session's state and shares it with everything below. */
export function SessionProvider({
  sessionId,
  view = 'participant',
  displayKey,
  adminToken,
  interval = DEFAULT_POLL_MS,
  onAuthError,
  children,
}: SessionProviderProps) {
  const queryClient = useQueryClient();
  const queryKey = useMemo(() => stateQueryKey(sessionId, view), [sessionId, view]);
  const poll = usePolling<AnyState>(stateUrl(sessionId, view, displayKey), {
    interval,
    queryKey,
    token: view === 'admin' ? (adminToken ?? null) : null,
    ...(onAuthError ? { onAuthError } : {}),
  });

  const refresh = useCallback(() => {
    const again = () => void queryClient.refetchQueries({ queryKey, exact: true });
    again();
    setTimeout(again, 350);
    setTimeout(again, 1200);
  }, [queryClient, queryKey]);

  const offset = poll.serverOffsetMs;
  const serverNow = useCallback(() => Date.now() + offset, [offset]);

  const value = useMemo<SessionContextValue>(
    () => ({
      sessionId,
      view,
      state: poll.data,
      session: poll.data?.session ?? null,
      currentActivity: poll.data?.current_activity ?? null,
      participantCount: poll.data?.participant_count ?? 0,
      loading: poll.isLoading,
      error: poll.error,
      reconnecting: poll.isReconnecting,
      serverOffsetMs: offset,
      serverNow,
      refresh,
    }),
    [sessionId, view, poll.data, poll.isLoading, poll.error, poll.isReconnecting, offset, serverNow, refresh],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session state polled by the nearest SessionProvider. */
export function useSession<S extends AnyState = ParticipantState>(): SessionContextValue<S> {
  const ctx = useContext(SessionContext);
  if (ctx === undefined) throw new Error('useSession must be used within a SessionProvider');
  return ctx as unknown as SessionContextValue<S>;
}

