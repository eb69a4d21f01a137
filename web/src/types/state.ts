import type { Activity } from './activity';
import type { Question } from './activity';
import type { AdminSession, LeaderboardEntry, PublicSession, RecentParticipant, Session } from './session';

/** GET /sessions/{id}/state — what every phone polls. */
export interface ParticipantState {
  session: PublicSession;
  current_activity: Activity | null;
  participant_count: number;
  /**
   * Opaque; changes whenever a participant's own document (/participants/me)
   * may have changed (a reveal scored answers, someone was removed). Absent
   * on older servers.
   */
  me_marker?: string;
}

/** GET /sessions/{id}/state?view=display&key=… — the projector. */
export interface DisplayState {
  session: Session;
  current_activity: Activity | null;
  participant_count: number;
  leaderboard: LeaderboardEntry[];
  pinned_question: Question | null;
  /** The newest joiners first, at most 50 (absent on older servers). */
  recent_participants?: RecentParticipant[];
}

/** GET /sessions/{id}/state?view=admin (admin token) — the organizer. */
export interface AdminState {
  session: AdminSession;
  activities: Activity[];
  current_activity: Activity | null;
  participant_count: number;
  leaderboard: LeaderboardEntry[];
  /** The newest joiners first, at most 50 (absent on older servers). */
  recent_participants?: RecentParticipant[];
}
