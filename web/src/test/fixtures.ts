import type { Me } from '../types/session';

/** A participant's own document, as `/participants/me` returns it. */
export const meFixture = (extra: Partial<Me> = {}): Me => ({
  id: 'p1',
  nickname: 'TestUser',
  score: 0,
  rank: null,
  correct_answers: 0,
  answered_activity_ids: [],
  question_ids: [],
  upvoted_question_ids: [],
  quiz_results: [],
  ...extra,
});
