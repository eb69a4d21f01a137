import { Bar, BarChart, Cell, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { ChoiceResults } from '../../types/activity';
import { percent } from '../../utils/format';
import { useElementSize } from '../../hooks/useElementSize';
import { colorAt, type Tone } from './palette';

interface ChoiceBarsProps {
  results: ChoiceResults;
  /** Ids of the right answers, to highlight after a quiz reveal. */
  correctIds?: Set<string> | null;
  tone?: Tone;
  /** Text size of labels, px. */
  fontSize?: number;
}

function truncate(s: string, n: number): string {
  const chars = [...s];
  return chars.length > n ? `${chars.slice(0, n - 1).join('')}…` : s;
}

/** Animated horizontal bars (recharts) with counts and percentages. */
export function ChoiceBars({ results, correctIds = null, tone = 'dark', fontSize: preferred = 28 }: ChoiceBarsProps) {
  // Many options on a short screen: shrink the text so every bar fits.
  const [ref, { width, height }] = useElementSize<HTMLDivElement>();
  const rows = Math.max(1, results.options.length);
  const fontSize = height > 0 ? Math.max(11, Math.min(preferred, Math.floor(height / (rows * 2.1)))) : preferred;
  const total = results.total_responses;
  // Labels get up to 42% of the width; longer ones are cut with an ellipsis.
  const charWidth = fontSize * 0.62;
  const longest = Math.max(4, ...results.options.map((o) => [...o.label].length));
  const cap = width > 0 ? width * 0.42 : 640;
  const natural = longest * charWidth + 20;
  const labelWidth = Math.round(Math.min(cap, natural));
  const maxChars = natural <= cap ? longest : Math.max(6, Math.floor((cap - 20) / charWidth));
  const data = results.options.map((o, i) => ({
    id: o.id,
    label: truncate(o.label, maxChars),
    count: o.count,
    pct: percent(o.count, total),
    color: colorAt(tone, i),
    right: correctIds ? correctIds.has(o.id) : null,
  }));
  const text = tone === 'dark' ? '#ffffff' : '#15102e';
  const muted = tone === 'dark' ? 'rgba(255,255,255,0.75)' : '#475569';
  return (
    <div ref={ref} className="h-full w-full" role="img" aria-label={data.map((d) => `${d.label}: ${d.count}`).join(', ')}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: fontSize * 5.5, bottom: 4, left: 8 }} barCategoryGap="18%">
          <XAxis type="number" hide domain={[0, (max: number) => Math.max(1, max)]} allowDecimals={false} />
          <YAxis
            type="category"
            dataKey="label"
            width={labelWidth}
            tickLine={false}
            axisLine={false}
            tick={{ fill: text, fontSize, fontWeight: 600 }}
          />
          <Bar
            dataKey="count"
            radius={[0, 12, 12, 0]}
            isAnimationActive
            animationDuration={700}
            minPointSize={6}
            maxBarSize={fontSize * 3.2}
            background={{ fill: tone === 'dark' ? 'rgba(255,255,255,0.06)' : '#eef0f4', radius: 12 } as object}
          >
            {data.map((d) => (
              <Cell
                key={d.id}
                fill={d.right === false ? (tone === 'dark' ? 'rgba(255,255,255,0.18)' : '#cbd5e1') : d.right ? '#22c55e' : d.color}
              />
            ))}
            <LabelList
              dataKey="count"
              position="right"
              fill={tone === 'dark' ? '#ffffff' : muted}
              fontSize={fontSize}
              fontWeight={800}
              formatter={(v: unknown) => {
                const n = Number(v);
                return `${n} · ${percent(n, total)}%`;
              }}
            />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
