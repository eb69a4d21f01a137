export type SessionStatus = 'draft' | 'active' | 'completed';

/** A session as the participant view shows it (no qr_code_url, no admin_id). */
export interface PublicSession {
  id: string;
  name: string;
  description: string | null;
  status: SessionStatus;
  join_code: string;
  join_url: string;
  current_activity_id: string | null;
  show_join_info: boolean;
  /** Present on a draft activity also opens it for answers (absent on older servers: true). */
  open_on_present?: boolean;
  /** The emoji participants may send; empty: reactions off (absent on older servers). */
  reactions?: string[];
  created_at: string;
  updated_at: string;
}

export type ProfanityFilter = 'off' | 'hold' | 'hide';

/** A session's settings (not on phones). */
export interface SessionSettings {
  /** Entries with a listed word: shown (off), held for approval (hold, the default) or hidden (hide). */
  profanity_filter: ProfanityFilter;
  /** The organizer's own words: the organizer's documents only. */
  profanity_words?: string[];
  /** The display's language (en, de, fr, es, pt, it, ar); absent on older servers. */
  language?: string;
}

/** The full session document (GET /sessions/{id}, display and admin views). */
export interface Session extends PublicSession {
  admin_id: string;
  qr_code_url: string;
  /** Absent on older servers. */
  settings?: SessionSettings;
}

export interface AdminSession extends Session {
  display_key: string;
}

/** POST /sessions answer: the only time the secrets are shown. */
export interface CreatedSession extends Session {
  admin_token: string;
  display_key: string;
  /** Opens moderation and results only (the moderator link); absent on older servers. */
  moderator_token?: string;
}

export interface JoinLookup {
  session_id: string;
  name: string;
  status: SessionStatus;
}

export interface JoinedParticipant {
  id: string;
  nickname: string;
  token: string;
}

export interface QuizResult {
  activity_id: string;
  correct: boolean;
  points: number;
}

/** GET /sessions/{id}/participants/me */
export interface Me {
  id: string;
  nickname: string;
  score: number;
  rank: number | null;
  correct_answers: number;
  answered_activity_ids: string[];
  question_ids: string[];
  upvoted_question_ids: string[];
  quiz_results: QuizResult[];
}

/** Someone who joined, as the display and admin views list the newest. */
export interface RecentParticipant {
  id: string;
  nickname: string;
  joined_at: string;
}

export interface ParticipantSummary {
  id: string;
  nickname: string;
  score: number;
  joined_at: string;
}

export interface LeaderboardEntry {
  participant_id: string;
  nickname: string;
  score: number;
  rank: number;
  correct_answers: number;
}
