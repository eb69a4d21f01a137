import type { QuizActivity } from '../types/activity';

/**
 * When a quiz question stops taking answers, by the server's clock (ms since
 * epoch): the server's `closes_at`, or (older servers) its open time plus the
 * time limit.
 */
export function quizDeadline(activity: Pick<QuizActivity, 'opened_at' | 'settings' | 'closes_at'>): number | null {
  if (activity.closes_at) {
    const at = Date.parse(activity.closes_at);
    if (!Number.isNaN(at)) return at;
  }
  if (!activity.opened_at) return null;
  const opened = Date.parse(activity.opened_at);
  return Number.isNaN(opened) ? null : opened + activity.settings.time_limit_s * 1000;
}

/**
 * How many options a phone lets be chosen for a quiz: the server's `choices`
 * (how many make the right answer), 1 when absent or odd, never more than
 * there are options.
 */
export function quizChoices(activity: Pick<QuizActivity, 'choices' | 'options'>): number {
  const n = activity.choices;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) return 1;
  return Math.max(1, Math.min(n, activity.options.length));
}
