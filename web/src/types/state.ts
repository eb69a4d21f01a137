import type { Activity } from './activity';
import type { Question } from './activity';
import type { AdminSession, LeaderboardEntry, PublicSession, Session } from './session';

/** GET /sessions/{id}/state — what every phone polls. */
export interface ParticipantState {
  session: PublicSession;
  current_activity: Activity | null;
  participant_count: number;
}

/** GET /sessions/{id}/state?view=display&key=… — the projector. */
export interface DisplayState {
  session: Session;
  current_activity: Activity | null;
  participant_count: number;
  leaderboard: LeaderboardEntry[];
  pinned_question: Question | null;
}

/** GET /sessions/{id}/state?view=admin (admin token) — the organizer. */
export interface AdminState {
  session: AdminSession;
  activities: Activity[];
  current_activity: Activity | null;
  participant_count: number;
  leaderboard: LeaderboardEntry[];
}
