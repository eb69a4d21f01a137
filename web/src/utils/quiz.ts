import type { QuizActivity } from '../types/activity';

/** When a quiz question stops taking answers, by the server's clock (ms since epoch). */
export function quizDeadline(activity: Pick<QuizActivity, 'opened_at' | 'settings'>): number | null {
  if (!activity.opened_at) return null;
  const opened = Date.parse(activity.opened_at);
  return Number.isNaN(opened) ? null : opened + activity.settings.time_limit_s * 1000;
}
