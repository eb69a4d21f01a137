import { t } from '../../i18n';
import { formatNumber, formatPercent } from '../../i18n/format';
import { useLayoutEffect, useRef, useState } from 'react';
import { imageUrl, type ChoiceResults } from '../../types/activity';
import { percent } from '../../utils/format';
import { useElementSize } from '../../hooks/useElementSize';
import { colorAt, type Tone } from './palette';

interface ChoiceBarsProps {
  results: ChoiceResults;
  /** Ids of the right answers, to highlight after a quiz reveal. */
  correctIds?: Set<string> | null;
  tone?: Tone;
  /** Preferred text size of labels, px (smaller when the options do not fit). */
  fontSize?: number;
  /** Fit the bars into the element's height (the projector); otherwise grow with them. */
  fit?: boolean;
  /** The options' images by option id, shown beside their bars. */
  images?: Record<string, string>;
}

const MIN_FONT = 12;

/**
 * A first guess of the font size at which `rows` labels of up to `longest`
 * characters, each wrapped above its bar, fit into width × height.
 */
export function fitChoiceFont(preferred: number, width: number, height: number, rows: number, longest: number): number {
  if (width <= 0 || height <= 0) return preferred;
  for (let fs = preferred; fs > MIN_FONT; fs -= 1) {
    const textWidth = Math.max(1, width - fs * 7); // the count and percentage sit beside the label
    const lines = Math.max(1, Math.ceil((longest * fs * 0.56) / textWidth));
    const row = lines * fs * 1.2 + fs * 0.3 + fs * 0.9;
    if (rows * row + (rows - 1) * fs * 0.55 <= height) return fs;
  }
  return MIN_FONT;
}

/**
 * Horizontal bars with counts and percentages. A bar's length is its share of
 * the responses (29 % fills 29 % of the track), and labels wrap whole above
 * their bars: on the projector the text shrinks until every option fits.
 */
export function ChoiceBars({ results, correctIds = null, tone = 'dark', fontSize: preferred = 28, fit = tone === 'dark', images }: ChoiceBarsProps) {
  const [ref, { width, height }] = useElementSize<HTMLDivElement>();
  const list = useRef<HTMLUListElement>(null);
  const total = results.total_responses;
  const rows = Math.max(1, results.options.length);
  const longest = Math.max(4, ...results.options.map((o) => [...o.label].length));
  const guess = fit ? fitChoiceFont(preferred, width, height, rows, longest) : preferred;
  // The guess is an estimate: shrink further while the rendered list overflows.
  const [shrink, setShrink] = useState({ key: '', by: 0 });
  const key = `${width}x${height}:${results.options.map((o) => o.label).join('\u0000')}:${guess}`;
  const by = shrink.key === key ? shrink.by : 0;
  const fontSize = Math.max(MIN_FONT, Math.round(guess * (1 - by * 0.08)));
  useLayoutEffect(() => {
    const el = list.current;
    if (!fit || !el || height <= 0 || fontSize <= MIN_FONT || by >= 8) return;
    if (el.scrollHeight > height + 1) setShrink({ key, by: by + 1 });
  }, [fit, key, by, fontSize, height]);

  const text = tone === 'dark' ? 'text-white' : 'text-ink';
  const countText = tone === 'dark' ? 'text-white' : 'text-slate-700';
  const track = tone === 'dark' ? 'rgba(255,255,255,0.10)' : '#e6e8ee';
  const data = results.options.map((o, i) => ({
    id: o.id,
    label: o.label,
    count: o.count,
    share: total > 0 ? Math.min(100, Math.round((o.count / total) * 1000) / 10) : 0,
    pct: percent(o.count, total),
    color: colorAt(tone, i),
    right: correctIds ? correctIds.has(o.id) : null,
  }));
  return (
    <div
      ref={ref}
      className={`w-full ${fit ? 'h-full overflow-hidden' : ''}`}
      role="img"
      aria-label={data.map((d) => `${d.label}: ${d.count}`).join(', ')}
    >
      <ul ref={list} className={`flex flex-col ${fit ? 'h-full justify-center' : ''}`} style={{ fontSize, gap: fontSize * 0.55 }}>
        {data.map((d) => (
          <li key={d.id} data-testid="choice-row" className={images ? 'flex items-center gap-[0.6em]' : undefined}>
            {images &&
              (images[d.id] ? (
                <img src={imageUrl(images[d.id]!)} alt="" className="h-[2.4em] w-[2.4em] shrink-0 rounded-lg object-cover" data-testid="choice-image" />
              ) : (
                <span className="h-[2.4em] w-[2.4em] shrink-0" aria-hidden="true" />
              ))}
            <div className={images ? 'min-w-0 flex-1' : undefined}>
            <div className="flex items-end justify-between gap-[1em]">
              <span className={`min-w-0 font-semibold leading-[1.2] break-anywhere ${text}`} data-testid="choice-label">
                <bdi>{d.label}</bdi>
                {d.right && <span className="sr-only"> ({t('quiz.rightAnswerLower')})</span>}
              </span>
              <span className={`shrink-0 font-extrabold leading-[1.2] tabular-nums ${countText}`}>
                {formatNumber(d.count)} · {formatPercent(d.pct)}
              </span>
            </div>
            <div className="mt-[0.3em] w-full overflow-hidden rounded-full" style={{ height: '0.9em', backgroundColor: track }} data-testid="choice-track">
              <div
                className="h-full rounded-full transition-[width] duration-700 ease-out"
                data-testid="choice-fill"
                style={{
                  width: `${d.share}%`,
                  backgroundColor: d.right === false ? (tone === 'dark' ? 'rgba(255,255,255,0.22)' : '#cbd5e1') : d.right ? '#22c55e' : d.color,
                }}
              />
            </div>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
