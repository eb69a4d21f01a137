import { Bar, BarChart, LabelList, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { NumericResults, NumericSettings } from '../../types/activity';
import { S } from '../../strings/activityTypes';
import type { Tone } from './palette';

interface NumericViewProps {
  results: NumericResults;
  settings: NumericSettings;
  tone?: Tone;
  fontSize?: number;
}

/** 1234.5 → "1,234.5 km"; null → "–". */
export function formatNumber(n: number | null | undefined, unit = ''): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  const s = n.toLocaleString(undefined, { maximumFractionDigits: Math.abs(n) >= 100 ? 1 : 2 });
  return unit ? `${s} ${unit}` : s;
}

/**
 * The histogram of the answers over the settings' min..max (recharts, on a
 * number axis so mean, median and — once revealed — the right value stand
 * where they fall), with the figures beside it.
 */
export function NumericView({ results, settings, tone = 'dark', fontSize = 26 }: NumericViewProps) {
  const dark = tone === 'dark';
  const unit = settings.unit ?? '';
  const buckets = results.histogram ?? [];
  const data = buckets.map((b) => ({ mid: (b.from + b.to) / 2, count: b.count, from: b.from, to: b.to }));
  const edges = buckets.length ? [buckets[0]!.from, ...buckets.map((b) => b.to)] : [settings.min, settings.max];
  const lo = edges[0] ?? settings.min;
  const hi = edges[edges.length - 1] ?? settings.max;
  const ink = dark ? '#fff' : '#15102e';
  const correct = settings.correct ?? null;
  const stats: [string, number | null][] = [
    [S.numeric.mean, results.mean],
    [S.numeric.median, results.median],
    [S.numeric.min, results.min],
    [S.numeric.max, results.max],
  ];
  return (
    <div className="flex h-full w-full flex-col gap-[1em] lg:flex-row" style={{ fontSize }}>
      <dl className="grid shrink-0 grid-cols-2 content-center gap-x-[1.2em] gap-y-[0.6em] lg:w-[30%] lg:grid-cols-1">
        {correct && <Stat label={S.numeric.correct} value={`${formatNumber(correct.value, unit)}${correct.tolerance > 0 ? ` ${S.numeric.tolerance(correct.tolerance)}` : ''}`} dark={dark} accent />}
        {stats.map(([label, v]) => (
          <Stat key={label} label={label} value={formatNumber(v, unit)} dark={dark} />
        ))}
      </dl>
      <div
        className="min-h-48 flex-1 self-stretch"
        role="img"
        aria-label={buckets.map((b) => S.numeric.bucket(b.from, b.to, b.count)).join(', ')}
        data-testid="numeric-histogram"
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: fontSize * 1.8, right: fontSize, bottom: 4, left: fontSize }} barCategoryGap="8%">
            <XAxis
              type="number"
              dataKey="mid"
              domain={[lo, hi]}
              ticks={edges}
              interval={0}
              tickFormatter={(v: number) => formatNumber(v)}
              tickLine={false}
              axisLine={{ stroke: dark ? 'rgba(255,255,255,0.3)' : '#cbd5e1' }}
              tick={{ fill: ink, fontSize: fontSize * 0.7 }}
            />
            <YAxis hide domain={[0, (max: number) => Math.max(1, max)]} />
            <Bar dataKey="count" fill={dark ? '#4cb2ff' : '#1d7fd6'} radius={[8, 8, 0, 0]} isAnimationActive animationDuration={700}>
              <LabelList dataKey="count" position="top" fill={dark ? 'rgba(255,255,255,0.8)' : '#475569'} fontSize={fontSize * 0.7} fontWeight={700} />
            </Bar>
            {results.mean !== null && (
              <ReferenceLine x={results.mean} stroke={dark ? '#ffc53d' : '#a15c07'} strokeWidth={3} label={{ value: S.numeric.mean, position: 'top', fill: dark ? '#ffc53d' : '#a15c07', fontSize: fontSize * 0.65, fontWeight: 700 }} />
            )}
            {results.median !== null && (
              <ReferenceLine x={results.median} stroke={dark ? '#ff6bb0' : '#be185d'} strokeWidth={3} strokeDasharray="6 4" label={{ value: S.numeric.median, position: 'insideTop', fill: dark ? '#ff6bb0' : '#be185d', fontSize: fontSize * 0.65, fontWeight: 700 }} />
            )}
            {correct && <ReferenceLine x={correct.value} stroke="#22c55e" strokeWidth={4} />}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}

function Stat({ label, value, dark, accent = false }: { label: string; value: string; dark: boolean; accent?: boolean }) {
  return (
    <div data-testid="numeric-stat">
      <dt className={dark ? 'text-white/70' : 'text-slate-600'} style={{ fontSize: '0.7em' }}>
        {label}
      </dt>
      <dd className={`font-extrabold tabular-nums leading-tight ${accent ? (dark ? 'text-emerald-300' : 'text-emerald-800') : dark ? 'text-white' : 'text-ink'}`} style={{ fontSize: '1.5em' }}>
        {value}
      </dd>
    </div>
  );
}
