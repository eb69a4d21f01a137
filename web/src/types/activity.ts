export const ACTIVITY_TYPES = ['poll', 'quiz', 'word_cloud', 'open_text', 'rating', 'qna'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
export type ActivityStatus = 'draft' | 'open' | 'closed';
export type QuestionStatus = 'pending' | 'approved' | 'hidden' | 'answered';

export interface Option {
  id: string;
  label: string;
  correct?: boolean;
}

export interface PollSettings {
  /** live (default) or on_reveal: nothing on the display or phones until results_visible. */
  results?: ResultsMode;
  multiple: boolean;
  max_choices: number | null;
  /** Seconds the activity stays open once opened (5–3600); absent: no limit. */
  time_limit_s?: number;
  /** Play a sound on the display when the time is up (default off). */
  sound?: boolean;
}
export interface QuizSettings {
  /** live (default) or on_reveal: nothing on the display or phones until results_visible. */
  results?: ResultsMode;
  time_limit_s: number;
  points: number;
  /** Play a sound on the display when the time is up (default off). */
  sound?: boolean;
}
export interface WordCloudSettings {
  /** live (default) or on_reveal: nothing on the display or phones until results_visible. */
  results?: ResultsMode;
  max_entries_per_participant: number;
  time_limit_s?: number;
  sound?: boolean;
  /** Nothing shows until the organizer approves it (default off). */
  moderation?: boolean;
}
export interface RatingSettings {
  /** live (default) or on_reveal: nothing on the display or phones until results_visible. */
  results?: ResultsMode;
  min: number;
  max: number;
  time_limit_s?: number;
  sound?: boolean;
}
export interface QnaSettings {
  moderation: boolean;
}
export type ResultsMode = 'live' | 'on_reveal';
export interface OpenTextSettings {
  results?: ResultsMode;
  time_limit_s?: number;
  sound?: boolean;
  /** Nothing shows until the organizer approves it (default off). */
  moderation?: boolean;
}

export interface SettingsByType {
  poll: PollSettings;
  quiz: QuizSettings;
  word_cloud: WordCloudSettings;
  open_text: OpenTextSettings;
  rating: RatingSettings;
  qna: QnaSettings;
}

export interface OptionCount {
  id: string;
  label: string;
  count: number;
  correct?: boolean;
}
export interface ChoiceResults {
  total_responses: number;
  options: OptionCount[];
}
export interface WordCloudResults {
  total_responses: number;
  /** id and hidden: the organizer's results only. */
  /** id, hidden, held (waiting for approval) and flagged (a listed word): the organizer's results only. */
  words: { text: string; count: number; id?: string; hidden?: boolean; held?: boolean; flagged?: boolean }[];
}
export interface OpenTextResults {
  total_responses: number;
  /** hidden: the organizer's results only. */
  answers: { id: string; text: string; created_at: string; hidden?: boolean; held?: boolean; flagged?: boolean }[];
}
export interface RatingResults {
  count: number;
  average: number | null;
  distribution: { value: number; count: number }[];
}
export interface QnaResults {
  total_questions: number;
  questions: Question[];
}
export type Results = ChoiceResults | WordCloudResults | OpenTextResults | RatingResults | QnaResults;

export interface Question {
  id: string;
  text: string;
  upvotes: number;
  status: QuestionStatus;
  pinned: boolean;
  created_at: string;
}

interface ActivityBase<T extends ActivityType> {
  id: string;
  type: T;
  title: string;
  status: ActivityStatus;
  position: number;
  results_visible: boolean;
  options: Option[];
  settings: SettingsByType[T];
  opened_at: string | null;
  /** The server's deadline (RFC 3339) while an activity with a time limit is open; absent on older servers. */
  closes_at?: string | null;
  results?: Results | null;
  questions?: Question[];
  /** Speaker notes (Markdown): only in the organizer's documents. */
  notes?: string;
  /** Display and organizer only: how often each emoji was sent. */
  reactions?: Record<string, number>;
  /** Display and organizer only: per second over the 5 s up to reactions_at. */
  reactions_rate?: Record<string, number>;
  reactions_at?: string;
}

export type PollActivity = ActivityBase<'poll'> & { results?: ChoiceResults | null };
export type QuizActivity = ActivityBase<'quiz'> & {
  results?: ChoiceResults | null;
  /** How many options make the right answer (a phone lets that many be chosen); absent on older servers: 1. */
  choices?: number;
};
export type WordCloudActivity = ActivityBase<'word_cloud'> & { results?: WordCloudResults | null };
export type OpenTextActivity = ActivityBase<'open_text'> & { results?: OpenTextResults | null };
export type RatingActivity = ActivityBase<'rating'> & { results?: RatingResults | null };
export type QnaActivity = ActivityBase<'qna'> & { results?: QnaResults | null };

export type Activity =
  | PollActivity
  | QuizActivity
  | WordCloudActivity
  | OpenTextActivity
  | RatingActivity
  | QnaActivity;

/** What the organizer sends to create or edit an activity. */
export interface ActivityInput {
  type: ActivityType;
  title: string;
  options?: { label: string; correct?: boolean }[];
  settings?: Partial<SettingsByType[ActivityType]>;
  notes?: string;
}

export const ACTIVITY_LABELS: Record<ActivityType, string> = {
  poll: 'Poll',
  quiz: 'Quiz',
  word_cloud: 'Word cloud',
  open_text: 'Open text',
  rating: 'Rating',
  qna: 'Q&A',
};
