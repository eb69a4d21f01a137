import { apiRequest, downloadFile } from './api';
import type { CreatedSession, JoinLookup, Session, SessionStatus } from '../types/session';

export interface CreateSessionInput {
  name: string;
  description?: string;
  admin_id: string;
}

export interface UpdateSessionInput {
  name?: string;
  description?: string;
  status?: SessionStatus;
  current_activity_id?: string | null;
  show_join_info?: boolean;
  open_on_present?: boolean;
  /** Up to 6 emoji; [] turns reactions off, null restores the default set. */
  reactions?: string[] | null;
  /** The fields sent change. */
  settings?: { profanity_filter?: 'off' | 'hold' | 'hide'; profanity_words?: string[] | null; language?: string };
}

export type ExportFormat = 'csv' | 'json' | 'xlsx';

export const sessionApi = {
  create: (input: CreateSessionInput) =>
    apiRequest<CreatedSession>('/sessions', { method: 'POST', body: input }),
  get: (id: string) => apiRequest<Session>(`/sessions/${enc(id)}`),
  update: (id: string, token: string, input: UpdateSessionInput) =>
    apiRequest<Session>(`/sessions/${enc(id)}`, { method: 'PATCH', body: input, token }),
  duplicate: (id: string, token: string) =>
    apiRequest<CreatedSession>(`/sessions/${enc(id)}/duplicate`, { method: 'POST', token }),
  /** A new moderator link's token (admin token); the old one stops working. */
  rotateModeratorToken: (id: string, token: string) =>
    apiRequest<{ moderator_token: string }>(`/sessions/${enc(id)}/moderator-token`, { method: 'POST', token }),
  lookupCode: (code: string) => apiRequest<JoinLookup>(`/join/${enc(code)}`),
  exportFile: (id: string, token: string, format: ExportFormat, name: string) =>
    downloadFile(`/sessions/${enc(id)}/export.${format}`, token, `${slug(name)}-${id.slice(0, 8)}.${format}`),
};

export function enc(s: string): string {
  return encodeURIComponent(s);
}

export function slug(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return s || 'caja-session';
}
