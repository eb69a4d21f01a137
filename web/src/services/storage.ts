/**
 * What this browser remembers, in localStorage: participant identities (one
 * per session), the participant's own answers (to show what they chose), and
 * the sessions an organizer created here with their admin tokens.
 * Every access tolerates a storage that throws (private modes, quotas).
 */
import type { JoinedParticipant } from '../types/session';

const PREFIX = 'caja.';

function read<T>(key: string): T | null {
  try {
    const raw = window.localStorage.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null || value === undefined) window.localStorage.removeItem(PREFIX + key);
    else window.localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    /* storage full or unavailable: the app still works for this page view */
  }
}

// --- participants -------------------------------------------------------------

export interface StoredParticipant extends JoinedParticipant {
  sessionId: string;
  joinCode?: string;
  joinedAt: string;
}

export const participantStore = {
  get(sessionId: string): StoredParticipant | null {
    const p = read<StoredParticipant>(`participant.${sessionId}`);
    return p && typeof p.token === 'string' && typeof p.nickname === 'string' ? p : null;
  },
  set(p: StoredParticipant): void {
    write(`participant.${p.sessionId}`, p);
    write('participant.last', { sessionId: p.sessionId });
  },
  drop(sessionId: string): void {
    const p = participantStore.get(sessionId);
    write(`participant.${sessionId}`, null);
    if (p) write(`answers.${p.id}`, null);
    const last = read<{ sessionId: string }>('participant.last');
    if (last?.sessionId === sessionId) write('participant.last', null);
  },
  last(): StoredParticipant | null {
    const last = read<{ sessionId: string }>('participant.last');
    return last ? participantStore.get(last.sessionId) : null;
  },
};

/** The participant's own answers, kept so the phone can show what was chosen. */
export interface LocalAnswer {
  option_ids?: string[];
  text?: string;
  value?: number;
  words?: string[];
  /** scales: statement id → rating. */
  ratings?: Record<string, number>;
  /** 100 points: option id → points. */
  points?: Record<string, number>;
}

export const answerStore = {
  all(participantId: string): Record<string, LocalAnswer> {
    return read<Record<string, LocalAnswer>>(`answers.${participantId}`) ?? {};
  },
  get(participantId: string, activityId: string): LocalAnswer | null {
    return answerStore.all(participantId)[activityId] ?? null;
  },
  set(participantId: string, activityId: string, answer: LocalAnswer): void {
    const all = answerStore.all(participantId);
    all[activityId] = answer;
    write(`answers.${participantId}`, all);
  },
};

// --- organizers ---------------------------------------------------------------

export interface StoredAdminSession {
  id: string;
  name: string;
  token: string;
  createdAt: string;
  /** The moderator link's token, when this browser made or received it. */
  moderatorToken?: string;
}

export const adminStore = {
  list(): StoredAdminSession[] {
    const list = read<StoredAdminSession[]>('admin.sessions');
    return Array.isArray(list) ? list.filter((s) => s && typeof s.id === 'string' && typeof s.token === 'string') : [];
  },
  get(id: string): StoredAdminSession | null {
    return adminStore.list().find((s) => s.id === id) ?? null;
  },
  save(s: StoredAdminSession): void {
    const rest = adminStore.list().filter((x) => x.id !== s.id);
    write('admin.sessions', [s, ...rest].slice(0, 50));
  },
  rename(id: string, name: string): void {
    const s = adminStore.get(id);
    if (s && s.name !== name) adminStore.save({ ...s, name });
  },
  forget(id: string): void {
    write(
      'admin.sessions',
      adminStore.list().filter((s) => s.id !== id),
    );
  },
};

// --- moderators ---------------------------------------------------------------

/** Moderator tokens (the moderator link), one per session. */
export const moderatorStore = {
  get(sessionId: string): string | null {
    const t = read<string>(`moderator.${sessionId}`);
    return typeof t === 'string' && t ? t : null;
  },
  set(sessionId: string, token: string | null): void {
    write(`moderator.${sessionId}`, token);
  },
};
