import type { ScalesResults, ScalesSettings } from '../../types/activity';
import { S } from '../../strings/activityTypes';
import type { Tone } from './palette';

interface ScalesViewProps {
  results: ScalesResults;
  settings: ScalesSettings;
  tone?: Tone;
  fontSize?: number;
}

/**
 * One row per statement: how the ratings spread over min..max (a column per
 * value) with the average marked on the same scale, and the average in figures.
 */
export function ScalesView({ results, settings, tone = 'dark', fontSize = 26 }: ScalesViewProps) {
  const dark = tone === 'dark';
  const { min, max } = settings;
  const values = Array.from({ length: Math.max(1, max - min + 1) }, (_, i) => min + i);
  const options = results.options ?? [];
  const top = Math.max(1, ...options.flatMap((o) => (o.distribution ?? []).map((d) => d.count)));
  const muted = dark ? 'text-white/70' : 'text-slate-600';
  const grid = 'grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)_4.2em] items-center gap-x-[1em]';
  return (
    <div className="flex w-full flex-col" style={{ fontSize, gap: fontSize * 0.6 }} role="img" aria-label={options.map((o) => `${o.label}: ${S.scales.averageOf(o.average, o.count)}`).join(', ')}>
      <div className={`${grid} ${muted}`} style={{ fontSize: fontSize * 0.7 }} aria-hidden="true">
        <span />
        <div className="flex justify-between gap-[1em]">
          <span className="break-anywhere">
            {min}
            {settings.min_label ? ` · ${settings.min_label}` : ''}
          </span>
          <span className="text-end break-anywhere">
            {settings.max_label ? `${settings.max_label} · ` : ''}
            {max}
          </span>
        </div>
        <span />
      </div>
      {options.map((o) => {
        const counts = new Map((o.distribution ?? []).map((d) => [d.value, d.count]));
        const at = o.average === null ? null : ((o.average - min + 0.5) / values.length) * 100;
        return (
          <div key={o.id} className={grid} data-testid="scale-row">
            <span className={`font-semibold leading-tight break-anywhere ${dark ? 'text-white' : 'text-ink'}`}>
              <bdi>{o.label}</bdi>
            </span>
            <div className="relative flex items-end" style={{ height: fontSize * 2 }}>
              <div className={`absolute inset-x-0 bottom-0 h-[2px] ${dark ? 'bg-white/25' : 'bg-slate-300'}`} />
              {values.map((v) => (
                <div key={v} className="flex h-full flex-1 items-end justify-center">
                  <div
                    className="w-[55%] rounded-t-[0.2em] transition-[height] duration-700"
                    data-testid="scale-column"
                    style={{ height: `${((counts.get(v) ?? 0) / top) * 100}%`, backgroundColor: dark ? 'rgba(155,123,255,0.75)' : '#c4b5fd' }}
                  />
                </div>
              ))}
              {at !== null && (
                <div className="absolute inset-y-0 flex -translate-x-1/2 flex-col items-center rtl:translate-x-1/2" style={{ insetInlineStart: `${at}%` }} data-testid="scale-average">
                  <div className={`h-full w-[0.22em] rounded-full ${dark ? 'bg-coral-400' : 'bg-coral-700'}`} />
                </div>
              )}
            </div>
            <span className={`text-end font-extrabold tabular-nums ${dark ? 'text-white' : 'text-ink'}`}>{S.scales.average(o.average)}</span>
          </div>
        );
      })}
    </div>
  );
}
