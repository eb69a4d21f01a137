import { t } from '../../i18n';
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { QuizActivity } from '../../types/activity';
import { useElementSize } from '../../hooks/useElementSize';
import { useNow } from '../../hooks/useNow';
import { quizDeadline } from '../../utils/quiz';
import { SOLID_PALETTE } from './palette';

/**
 * A first guess of the tile font size at which `n` options of up to
 * `longest` characters fit two columns of width × height, wrapped whole.
 */
export function fitTileFont(preferred: number, width: number, height: number, n: number, longest: number): number {
  if (width <= 0 || height <= 0) return preferred;
  const rows = Math.ceil(n / 2);
  for (let fs = preferred; fs > 14; fs -= 1) {
    const gap = width * 0.015;
    const text = (width - gap) / 2 - fs * 2.6 - 40; // padding and the letter badge
    const lines = Math.max(1, Math.ceil((longest * fs * 0.58) / Math.max(1, text)));
    const tile = Math.max(fs * 1.6, lines * fs * 1.25) + 24;
    if (rows * tile + (rows - 1) * gap <= height) return fs;
  }
  return 14;
}

/** While a quiz question is open: the options as tiles and a big countdown. */
export function QuizLive({ activity, serverOffsetMs }: { activity: QuizActivity; serverOffsetMs: number }) {
  const deadline = quizDeadline(activity);
  const now = useNow(200, serverOffsetMs, activity.status === 'open');
  const left = deadline === null ? null : Math.max(0, deadline - now);
  const secs = left === null ? null : Math.ceil(left / 1000);
  const total = activity.settings.time_limit_s * 1000;
  const answers = activity.results && 'total_responses' in activity.results ? activity.results.total_responses : 0;
  const frac = left === null ? 1 : Math.min(1, left / total);
  // Long options wrap whole: the text shrinks until every tile fits.
  const [sizeRef, grid] = useElementSize<HTMLUListElement>();
  const tiles = useRef<HTMLUListElement | null>(null);
  const gridRef = useCallback(
    (node: HTMLUListElement | null) => {
      tiles.current = node;
      sizeRef(node);
    },
    [sizeRef],
  );
  const preferred = Math.round(Math.max(22, Math.min(56, window.innerWidth * 0.024)));
  const longest = Math.max(4, ...activity.options.map((o) => [...o.label].length));
  const guess = fitTileFont(preferred, grid.width, grid.height, activity.options.length, longest);
  const key = `${grid.width}x${grid.height}:${activity.options.map((o) => o.label).join('\u0000')}:${guess}`;
  const [shrink, setShrink] = useState({ key: '', by: 0 });
  const by = shrink.key === key ? shrink.by : 0;
  const tileFont = Math.max(14, Math.round(guess * (1 - by * 0.08)));
  useLayoutEffect(() => {
    const el = tiles.current;
    if (!el || grid.height <= 0 || tileFont <= 14 || by >= 8) return;
    if (el.scrollHeight > el.clientHeight + 1) setShrink({ key, by: by + 1 });
  }, [key, by, tileFont, grid.height]);
  return (
    <div className="flex h-full flex-col gap-[3vh]">
      <div className="flex items-center gap-[3vw]">
        <div
          role="timer"
          aria-label={secs ? t('quiz.secondsLeft', { count: secs }) : t('quiz.timeUpShort')}
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
            {t('count.answers', { count: answers })}
            {secs === 0 ? ` · ${t('quiz.timeUp')}` : ''}
          </p>
        </div>
      </div>
      <ul ref={gridRef} className="grid min-h-0 flex-1 auto-rows-fr grid-cols-2 gap-[1.5vw] overflow-hidden" data-testid="quiz-tiles">
        {activity.options.map((o, i) => (
          <li
            key={o.id}
            className="flex items-center gap-[1.2vw] rounded-3xl px-[2vw] py-[1.2vh] font-bold leading-[1.2] text-white shadow-xl"
            style={{ backgroundColor: SOLID_PALETTE[i % SOLID_PALETTE.length], fontSize: tileFont }}
            data-testid="quiz-tile"
          >
            <span className="flex shrink-0 items-center justify-center rounded-2xl bg-white/25 font-extrabold" style={{ width: '1.6em', height: '1.6em' }} aria-hidden="true">
              {String.fromCharCode(65 + i)}
            </span>
            <bdi className="min-w-0 break-anywhere">{o.label}</bdi>
          </li>
        ))}
      </ul>
    </div>
  );
}
