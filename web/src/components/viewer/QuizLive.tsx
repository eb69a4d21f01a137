import type { QuizActivity } from '../../types/activity';
import { useNow } from '../../hooks/useNow';
import { quizDeadline } from '../../utils/quiz';
import { colorAt } from './palette';

/** While a quiz question is open: the options as tiles and a big countdown. */
export function QuizLive({ activity, serverOffsetMs }: { activity: QuizActivity; serverOffsetMs: number }) {
  const deadline = quizDeadline(activity);
  const now = useNow(200, serverOffsetMs, activity.status === 'open');
  const left = deadline === null ? null : Math.max(0, deadline - now);
  const secs = left === null ? null : Math.ceil(left / 1000);
  const total = activity.settings.time_limit_s * 1000;
  const answers = activity.results && 'total_responses' in activity.results ? activity.results.total_responses : 0;
  const frac = left === null ? 1 : Math.min(1, left / total);
  return (
    <div className="flex h-full flex-col gap-[3vh]">
      <div className="flex items-center gap-[3vw]">
        <div
          role="timer"
          aria-label={secs ? `${secs} seconds left` : "Time's up"}
          className={`flex shrink-0 items-center justify-center rounded-full font-extrabold tabular-nums text-white shadow-2xl ${secs !== null && secs <= 5 ? 'bg-coral-500' : 'bg-brand-600'}`}
          style={{ width: 'clamp(110px, 10vw, 220px)', height: 'clamp(110px, 10vw, 220px)', fontSize: 'clamp(48px, 4.6vw, 110px)' }}
        >
          {secs ?? '–'}
        </div>
        <div className="flex-1">
          <div className="h-4 overflow-hidden rounded-full bg-white/15">
            <div className="h-full rounded-full bg-white transition-[width] duration-200 ease-linear" style={{ width: `${frac * 100}%` }} />
          </div>
          <p className="mt-3 font-semibold text-white/80" style={{ fontSize: 'clamp(20px, 1.8vw, 40px)' }}>
            {answers} {answers === 1 ? 'answer' : 'answers'}
            {secs === 0 ? " · Time's up!" : ''}
          </p>
        </div>
      </div>
      <ul className="grid flex-1 grid-cols-2 gap-[1.5vw]">
        {activity.options.map((o, i) => (
          <li
            key={o.id}
            className="flex items-center gap-[1.2vw] rounded-3xl px-[2vw] py-[2vh] font-bold text-white shadow-xl"
            style={{ backgroundColor: colorAt('light', i), fontSize: 'clamp(22px, 2.4vw, 56px)' }}
          >
            <span className="flex shrink-0 items-center justify-center rounded-2xl bg-white/25 font-extrabold" style={{ width: '1.6em', height: '1.6em' }} aria-hidden="true">
              {String.fromCharCode(65 + i)}
            </span>
            <span className="min-w-0 break-anywhere">{o.label}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
