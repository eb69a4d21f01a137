import { colorAt, type Tone } from './palette';

export interface ValueBar {
  id: string;
  label: string;
  value: number;
  /** What stands beside the bar ("120 pts · avg rank 1.8"). */
  text: string;
}

interface ValueBarsProps {
  rows: ValueBar[];
  tone?: Tone;
  fontSize?: number;
  /** For screen readers: the whole chart in one sentence. */
  label: string;
}

/**
 * Horizontal bars scaled to the largest value (ranking points, 100 points),
 * labels wrapped whole above their bars, in the order given.
 */
export function ValueBars({ rows, tone = 'dark', fontSize = 28, label }: ValueBarsProps) {
  const top = Math.max(0, ...rows.map((r) => r.value));
  const text = tone === 'dark' ? 'text-white' : 'text-ink';
  const figure = tone === 'dark' ? 'text-white' : 'text-slate-700';
  const track = tone === 'dark' ? 'rgba(255,255,255,0.10)' : '#e6e8ee';
  return (
    <div className="w-full" role="img" aria-label={label}>
      <ol className="flex flex-col" style={{ fontSize, gap: fontSize * 0.55 }}>
        {rows.map((r, i) => (
          <li key={r.id} data-testid="value-row">
            <div className="flex items-end justify-between gap-[1em]">
              <span className={`min-w-0 font-semibold leading-[1.2] break-anywhere ${text}`}>
                <span className="me-[0.4em] tabular-nums opacity-70">{i + 1}.</span>
                {r.label}
              </span>
              <span className={`shrink-0 font-extrabold leading-[1.2] tabular-nums ${figure}`}>{r.text}</span>
            </div>
            <div className="mt-[0.3em] w-full overflow-hidden rounded-full" style={{ height: '0.9em', backgroundColor: track }}>
              <div
                className="h-full rounded-full transition-[width] duration-700 ease-out"
                data-testid="value-fill"
                style={{ width: `${top > 0 ? Math.round((r.value / top) * 1000) / 10 : 0}%`, backgroundColor: colorAt(tone, i) }}
              />
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
