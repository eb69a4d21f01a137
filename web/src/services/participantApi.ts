import { apiRequest } from './api';
import { enc } from './sessionApi';
import type { JoinedParticipant, LeaderboardEntry, Me, ParticipantSummary } from '../types/session';

export const participantApi = {
  join: (sid: string, nickname: string) =>
    apiRequest<JoinedParticipant>(`/sessions/${enc(sid)}/participants`, { method: 'POST', body: { nickname } }),
  me: (sid: string, token: string) => apiRequest<Me>(`/sessions/${enc(sid)}/participants/me`, { token }),
  list: (sid: string, token: string) =>
    apiRequest<{ participants: ParticipantSummary[] }>(`/sessions/${enc(sid)}/participants`, { token }),
  kick: (sid: string, pid: string, token: string, hideEntries = false) =>
    apiRequest<void>(`/sessions/${enc(sid)}/participants/${enc(pid)}${hideEntries ? '?hide_entries=true' : ''}`, { method: 'DELETE', token }),
  hideEntries: (sid: string, pid: string, token: string, hidden: boolean) =>
    apiRequest<{ participant_id: string; entries_hidden: boolean; changed: number }>(`/sessions/${enc(sid)}/participants/${enc(pid)}`, {
      method: 'PATCH',
      body: { entries_hidden: hidden },
      token,
    }),
  react: (sid: string, token: string, emoji: string) =>
    apiRequest<{ activity_id: string; emoji: string }>(`/sessions/${enc(sid)}/reactions`, { method: 'POST', body: { emoji }, token }),
  leaderboard: (sid: string, limit = 10) =>
    apiRequest<{ entries: LeaderboardEntry[] }>(`/sessions/${enc(sid)}/leaderboard?limit=${limit}`),
};
