import { t } from '../../i18n';
import { useNow } from '../../hooks/useNow';
import type { Activity } from '../../types/activity';
import { activityDeadline } from '../../utils/quiz';

/**
 * The countdown bar of a timed activity (any type with settings.time_limit_s),
 * from the server's deadline corrected for this device's clock skew.
 */
export function Countdown({ activity, serverNow }: { activity: Activity; serverNow: () => number }) {
  const deadline = activityDeadline(activity);
  const now = useNow(200, serverNow() - Date.now(), activity.status === 'open');
  const limit = (activity.settings as { time_limit_s?: number } | null)?.time_limit_s;
  if (deadline === null || activity.status !== 'open' || !limit) return null;
  const left = Math.max(0, deadline - now);
  const secs = Math.ceil(left / 1000);
  const frac = Math.min(1, left / (limit * 1000));
  return (
    <div className="flex items-center gap-3" data-testid="countdown">
      <div className="h-3 flex-1 overflow-hidden rounded-full bg-slate-200" aria-hidden="true">
        <div
          className={`h-full rounded-full transition-[width] duration-200 ease-linear ${secs <= 5 ? 'bg-coral-500' : 'bg-brand-600'}`}
          style={{ width: `${frac * 100}%` }}
        />
      </div>
      <span
        role="timer"
        aria-label={left > 0 ? t('quiz.secondsLeft', { count: secs }) : t('quiz.timeUpShort')}
        className={`min-w-14 text-end text-2xl font-extrabold tabular-nums ${secs <= 5 ? 'text-coral-700' : 'text-ink'}`}
      >
        {t('quiz.seconds', { count: left > 0 ? secs : 0 })}
      </span>
    </div>
  );
}
