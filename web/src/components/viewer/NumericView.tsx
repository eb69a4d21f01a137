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
  const colors = dark ? { mean: '#ffc53d', median: '#ff6bb0', correct: '#22c55e' } : { mean: '#a15c07', median: '#be185d', correct: '#15803d' };
  const stats: [string, number | null, Swatch | null][] = [
    [S.numeric.mean, results.mean, { color: colors.mean, dashed: false }],
    [S.numeric.median, results.median, { color: colors.median, dashed: true }],
    [S.numeric.min, results.min, null],
    [S.numeric.max, results.max, null],
  ];
  return (
    <div className="flex h-full w-full flex-col gap-[1em] lg:flex-row" style={{ fontSize }}>
      <dl className="grid shrink-0 grid-cols-2 content-center gap-x-[1.2em] gap-y-[0.6em] lg:w-[30%] lg:grid-cols-1">
        {correct && (
          <Stat
            label={S.numeric.correct}
            value={`${formatNumber(correct.value, unit)}${correct.tolerance > 0 ? ` ${S.numeric.tolerance(correct.tolerance)}` : ''}`}
            dark={dark}
            swatch={{ color: colors.correct, dashed: false }}
            accent
          />
        )}
        {stats.map(([label, v, swatch]) => (
          <Stat key={label} label={label} value={formatNumber(v, unit)} dark={dark} swatch={swatch} />
        ))}
      </dl>
      <div
        className="min-h-48 flex-1 self-stretch"
        role="img"
        aria-label={buckets.map((b) => S.numeric.bucket(b.from, b.to, b.count)).join(', ')}
        data-testid="numeric-histogram"
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: fontSize * 1.2, right: fontSize, bottom: 4, left: fontSize }} barCategoryGap="8%">
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
            {correct && <ReferenceLine x={correct.value} stroke={colors.correct} strokeOpacity={0.8} strokeWidth={8} />}
            {results.median !== null && <ReferenceLine x={results.median} stroke={colors.median} strokeWidth={3} strokeDasharray="8 5" />}
            {results.mean !== null && <ReferenceLine x={results.mean} stroke={colors.mean} strokeWidth={3} />}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}

/** The line of a figure in the chart, shown beside its name as a legend. */
interface Swatch {
  color: string;
  dashed: boolean;
}

function Stat({ label, value, dark, swatch = null, accent = false }: { label: string; value: string; dark: boolean; swatch?: Swatch | null; accent?: boolean }) {
  return (
    <div data-testid="numeric-stat">
      <dt className={`flex items-center gap-[0.4em] ${dark ? 'text-white/70' : 'text-slate-600'}`} style={{ fontSize: '0.7em' }}>
        {swatch && (
          <span
            aria-hidden="true"
            className="inline-block w-[1.6em]"
            style={{ borderTop: `0.22em ${swatch.dashed ? 'dashed' : 'solid'} ${swatch.color}` }}
          />
        )}
        {label}
      </dt>
      <dd className={`font-extrabold tabular-nums leading-tight ${accent ? (dark ? 'text-emerald-300' : 'text-emerald-800') : dark ? 'text-white' : 'text-ink'}`} style={{ fontSize: '1.5em' }}>
        {value}
      </dd>
    </div>
  );
}
