import { ApiError, apiRequest, API_BASE, downloadFile, errorFrom, NetworkError } from './api';
import { enc } from './sessionApi';
import type { Session } from '../types/session';

/** The signed-in organizer (GET /auth/me). */
export interface Account {
  id: string;
  email: string;
  display_name: string;
  created_at: string;
}

export type MemberRole = 'owner' | 'co-host' | 'moderator';

/** One of the account's sessions (GET /me/sessions). */
export interface MySession {
  id: string;
  name: string;
  status: 'draft' | 'active' | 'completed';
  role: MemberRole;
  created_at: string;
  updated_at: string;
}

export interface MySessionsPage {
  sessions: MySession[];
  next_cursor: string;
}

export interface Invitation {
  token: string;
  url: string;
}

export interface Membership {
  session_id: string;
  role: MemberRole;
}

/** A person of a session's team (GET /sessions/{id}/members). */
export interface TeamPerson {
  account_id: string;
  display_name: string;
  email: string;
}

export interface TeamMember extends TeamPerson {
  role: 'co-host' | 'moderator';
  /** RFC 3339: when they joined the team. */
  since: string;
}

export interface PendingInvitation {
  email: string;
  role: 'co-host' | 'moderator';
  created_at: string;
  expires_at: string;
}

/** GET /sessions/{id}/members: owner and co-hosts only (a moderator gets 403 role_insufficient). */
export interface Team {
  /** null: the session belongs to no account (its admin link runs it). */
  owner: TeamPerson | null;
  members: TeamMember[];
  invitations: PendingInvitation[];
  your_role: 'owner' | 'co-host';
  /** The session still has an admin-token link. */
  admin_link: boolean;
}

/** Where single sign-on starts (a plain link: the server redirects to the provider). */
export const SSO_START_URL = `${API_BASE}/auth/oidc/start`;

/**
 * Whether single sign-on is on: asks the start URL without following its
 * redirect (a redirect means it is; 404/503 sso_unavailable it is not).
 * Throws an ApiError with the server's problem when it is not.
 */
export async function checkSso(): Promise<void> {
  let res: Response;
  try {
    res = await fetch(SSO_START_URL, { redirect: 'manual', headers: { Accept: 'application/json' } });
  } catch (err) {
    throw new NetworkError(err);
  }
  if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) return;
  if (!res.ok) throw await errorFrom(res);
}

/**
 * Account calls. The sign-in rides in an HttpOnly cookie the browser sends
 * with every same-origin fetch, so none of these carry a token but claim.
 */
export const accountApi = {
  signUp: (input: { email: string; password: string; display_name?: string }) =>
    apiRequest<Account>('/auth/signup', { method: 'POST', body: input }),
  logIn: (input: { email: string; password: string }) => apiRequest<Account>('/auth/login', { method: 'POST', body: input }),
  logOut: () => apiRequest<void>('/auth/logout', { method: 'POST' }),
  /** The signed-in account, or null when nobody is signed in (401). */
  me: async (): Promise<Account | null> => {
    try {
      return await apiRequest<Account>('/auth/me');
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return null;
      throw err;
    }
  },
  deleteMe: (withSessions: boolean) =>
    apiRequest<void>(`/auth/me${withSessions ? '?with_sessions=true' : ''}`, { method: 'DELETE' }),
  mySessions: (cursor?: string, limit = 50) =>
    apiRequest<MySessionsPage>(`/me/sessions?limit=${limit}${cursor ? `&cursor=${enc(cursor)}` : ''}`),
  /** Moves a session this browser knows by its admin token into the account. */
  claim: (sessionId: string, adminToken: string) =>
    apiRequest<Session>(`/sessions/${enc(sessionId)}/claim`, { method: 'POST', token: adminToken }),
  invite: (sessionId: string, token: string | null, input: { email: string; role: 'co-host' | 'moderator' }) =>
    apiRequest<Invitation>(`/sessions/${enc(sessionId)}/invitations`, { method: 'POST', body: input, token }),
  revokeInvitations: (sessionId: string, email: string, token: string | null) =>
    apiRequest<void>(`/sessions/${enc(sessionId)}/invitations?email=${enc(email)}`, { method: 'DELETE', token }),
  accept: (invitationToken: string) =>
    apiRequest<Membership>(`/invitations/${enc(invitationToken)}/accept`, { method: 'POST' }),
  team: (sessionId: string, token: string | null) => apiRequest<Team>(`/sessions/${enc(sessionId)}/members`, { token }),
  removeMember: (sessionId: string, accountId: string, token: string | null) =>
    apiRequest<void>(`/sessions/${enc(sessionId)}/members/${enc(accountId)}`, { method: 'DELETE', token }),
  revokeAdminToken: (sessionId: string) => apiRequest<void>(`/sessions/${enc(sessionId)}/admin-token`, { method: 'DELETE' }),
  deleteSession: (sessionId: string, token: string | null) =>
    apiRequest<void>(`/sessions/${enc(sessionId)}`, { method: 'DELETE', token }),
  transfer: (sessionId: string, accountId: string) =>
    apiRequest<Session>(`/sessions/${enc(sessionId)}/transfer`, { method: 'POST', body: { account_id: accountId } }),
  /** Downloads GET /me/export as a JSON file. */
  exportMine: (filename = 'caja-account-export.json'): Promise<void> => downloadFile('/me/export', null, filename),
};
