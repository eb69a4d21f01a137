import { apiRequest } from './api';
import { enc } from './sessionApi';
import type { Activity, ActivityInput, ActivityStatus, OptionInput, Question, QuestionStatus, Results } from '../types/activity';

export interface UpdateActivityInput {
  title?: string;
  settings?: Record<string, unknown>;
  position?: number;
  status?: Exclude<ActivityStatus, 'draft'>;
  results_visible?: boolean;
  options?: OptionInput[];
  /** Markdown (content slides). */
  body?: string;
  /** null clears the image. */
  image_id?: string | null;
  /** Speaker notes (Markdown, ≤ 5,000 characters); the organizer's only. */
  notes?: string;
}

export interface ResponseAccepted {
  id: string;
  activity_id: string;
  status: 'created' | 'replaced';
}

export type AnswerInput =
  | { option_ids: string[] }
  | { text: string }
  | { value: number }
  | { ratings: Record<string, number> }
  | { points: Record<string, number> };

const base = (sid: string) => `/sessions/${enc(sid)}/activities`;

export const activityApi = {
  list: (sid: string, token: string) => apiRequest<{ activities: Activity[] }>(base(sid), { token }),
  create: (sid: string, token: string, input: ActivityInput) =>
    apiRequest<Activity>(base(sid), { method: 'POST', body: input, token }),
  update: (sid: string, aid: string, token: string, input: UpdateActivityInput) =>
    apiRequest<Activity>(`${base(sid)}/${enc(aid)}`, { method: 'PATCH', body: input, token }),
  remove: (sid: string, aid: string, token: string) =>
    apiRequest<void>(`${base(sid)}/${enc(aid)}`, { method: 'DELETE', token }),
  results: (sid: string, aid: string, token?: string | null) =>
    apiRequest<Results>(`${base(sid)}/${enc(aid)}/results`, { token: token ?? null }),

  /** Hides or shows an open-text answer, a word-cloud word (by one entry's id) or a question. */
  hideEntry: (sid: string, aid: string, entryId: string, token: string, hidden: boolean) =>
    apiRequest<{ id: string; hidden: boolean; word?: string }>(`${base(sid)}/${enc(aid)}/entries/${enc(entryId)}`, { method: 'PATCH', body: { hidden }, token }),

  respond: (sid: string, aid: string, token: string, answer: AnswerInput) =>
    apiRequest<ResponseAccepted>(`${base(sid)}/${enc(aid)}/responses`, { method: 'POST', body: answer, token }),

  ask: (sid: string, aid: string, token: string, text: string) =>
    apiRequest<Question>(`${base(sid)}/${enc(aid)}/questions`, { method: 'POST', body: { text }, token }),
  upvote: (sid: string, aid: string, qid: string, token: string, on: boolean) =>
    apiRequest<{ upvoted: boolean }>(`${base(sid)}/${enc(aid)}/questions/${enc(qid)}/upvote`, {
      method: on ? 'POST' : 'DELETE',
      token,
    }),
  /** The Q&A's questions as the organizer (or a moderator) sees them, every status. */
  questions: (sid: string, aid: string, token: string) =>
    apiRequest<{ questions: Question[]; total_questions: number; next_cursor: string | null }>(`${base(sid)}/${enc(aid)}/questions?limit=100`, { token }),
  moderate: (sid: string, aid: string, qid: string, token: string, input: { status?: Exclude<QuestionStatus, 'pending'>; pinned?: boolean }) =>
    apiRequest<Question>(`${base(sid)}/${enc(aid)}/questions/${enc(qid)}`, { method: 'PATCH', body: input, token }),
};
