import type { Activity, QuizActivity } from '../types/activity';

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
 * When a timed activity of any type stops taking answers (ms since epoch):
 * the server's `closes_at`, or its open time plus `settings.time_limit_s`;
 * null when it has no countdown.
 */
export function activityDeadline(activity: Activity): number | null {
  const limit = (activity.settings as { time_limit_s?: number } | null)?.time_limit_s;
  if (!activity.closes_at && !limit) return null;
  return quizDeadline({
    closes_at: activity.closes_at ?? null,
    opened_at: activity.opened_at ?? null,
    settings: { time_limit_s: limit ?? 0 },
  } as Pick<QuizActivity, 'opened_at' | 'settings' | 'closes_at'>);
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
