import { t } from '../i18n';
export const ACTIVITY_TYPES = ['poll', 'quiz', 'word_cloud', 'open_text', 'rating', 'qna', 'ranking', 'scales', 'points', 'numeric', 'content'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
export type ActivityStatus = 'draft' | 'open' | 'closed';
export type QuestionStatus = 'pending' | 'approved' | 'hidden' | 'answered';

export interface Option {
  id: string;
  label: string;
  correct?: boolean;
  /** An uploaded image shown with the option (poll, quiz, ranking); served at /api/v1/images/{id}. */
  image_id?: string | null;
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

/** What every answerable type may carry besides its own settings. */
export interface CommonSettings {
  results?: ResultsMode;
  time_limit_s?: number;
  sound?: boolean;
}
export type RankingSettings = CommonSettings;
export interface ScalesSettings extends CommonSettings {
  min: number;
  max: number;
  min_label?: string;
  max_label?: string;
}
export interface PointsSettings extends CommonSettings {
  total: number;
}
export interface NumericSettings extends CommonSettings {
  min: number;
  max: number;
  unit?: string;
  /** The quiz variant's right answer: the organizer's documents, and everyone's once revealed. */
  correct?: { value: number; tolerance: number } | null;
  /** Set (in every view) on the quiz variant: the points of a fast right answer. */
  points?: number;
}
/** A content slide has nothing to answer. */
export type ContentSettings = CommonSettings;

export interface SettingsByType {
  poll: PollSettings;
  quiz: QuizSettings;
  word_cloud: WordCloudSettings;
  open_text: OpenTextSettings;
  rating: RatingSettings;
  qna: QnaSettings;
  ranking: RankingSettings;
  scales: ScalesSettings;
  points: PointsSettings;
  numeric: NumericSettings;
  content: ContentSettings;
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
export interface RankingResults {
  total_responses: number;
  /** Sorted by points (Borda: n−1 for a first place … 0 for the last). */
  options: { id: string; label: string; points: number; average_rank: number | null }[];
}
export interface ScalesResults {
  total_responses: number;
  options: { id: string; label: string; average: number | null; count: number; distribution: { value: number; count: number }[] }[];
}
export interface PointsResults {
  total_responses: number;
  /** Sorted by points; average is the sum ÷ the participants who answered. */
  options: { id: string; label: string; points: number; average: number | null }[];
}
export interface NumericResults {
  total_responses?: number;
  count: number;
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
  /** 10 equal buckets over the settings' min..max, each [from, to), the last closed. */
  histogram: { from: number; to: number; count: number }[];
}
export type Results =
  | ChoiceResults
  | WordCloudResults
  | OpenTextResults
  | RatingResults
  | QnaResults
  | RankingResults
  | ScalesResults
  | PointsResults
  | NumericResults;

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
  /** An uploaded image shown with the question (every type); served at /api/v1/images/{id}. */
  image_id?: string | null;
  /** The Markdown text of a content slide (other types: absent or empty). */
  body?: string;
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
export type RankingActivity = ActivityBase<'ranking'> & { results?: RankingResults | null };
export type ScalesActivity = ActivityBase<'scales'> & { results?: ScalesResults | null };
export type PointsActivity = ActivityBase<'points'> & { results?: PointsResults | null };
export type NumericActivity = ActivityBase<'numeric'> & { results?: NumericResults | null };
export type ContentActivity = ActivityBase<'content'> & { results?: null };

export type Activity =
  | PollActivity
  | QuizActivity
  | WordCloudActivity
  | OpenTextActivity
  | RatingActivity
  | QnaActivity
  | RankingActivity
  | ScalesActivity
  | PointsActivity
  | NumericActivity
  | ContentActivity;

/** What the organizer sends to create or edit an activity. */
export interface ActivityInput {
  type: ActivityType;
  title: string;
  options?: OptionInput[];
  settings?: Partial<SettingsByType[ActivityType]>;
  notes?: string;
  /** Markdown (content slides). */
  body?: string;
  /** null clears the image. */
  image_id?: string | null;
}

export interface OptionInput {
  label: string;
  correct?: boolean;
  image_id?: string | null;
}

/** POST /sessions/{id}/images → 201. */
export interface UploadedImage {
  id: string;
  width: number;
  height: number;
  content_type: string;
}

/** A number question scored like a quiz (answered once): its right value is hidden, its points are not. */
export function isNumericQuiz(a: Activity): boolean {
  return a.type === 'numeric' && (!!a.settings.correct || typeof a.settings.points === 'number');
}

/** Where an uploaded image is served. */
export const imageUrl = (id: string) => `/api/v1/images/${encodeURIComponent(id)}`;

/** Types whose activities list options (each with an id, a label and maybe an image). */
export const OPTION_TYPES: readonly ActivityType[] = ['poll', 'quiz', 'ranking', 'scales', 'points'];
/** Types whose options may carry an image. */
export const OPTION_IMAGE_TYPES: readonly ActivityType[] = ['poll', 'quiz', 'ranking'];

/** Each type's name in the active language (types.<type> in the catalogs). */
export const ACTIVITY_LABELS = Object.defineProperties(
  {},
  Object.fromEntries(ACTIVITY_TYPES.map((k) => [k, { get: () => t(`types.${k}`), enumerable: true }])),
) as Readonly<Record<ActivityType, string>>;
