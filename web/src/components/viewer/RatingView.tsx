import { t } from '../../i18n';
import { Bar, BarChart, Cell, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { RatingResults, RatingSettings } from '../../types/activity';
import { formatDecimal } from '../../i18n/format';
import type { Tone } from './palette';

interface RatingViewProps {
  results: RatingResults;
  settings: RatingSettings;
  tone?: Tone;
  fontSize?: number;
}

/** The average, big, and how the ratings are spread (recharts columns). */
export function RatingView({ results, settings, tone = 'dark', fontSize = 26 }: RatingViewProps) {
  const dark = tone === 'dark';
  const avg = results.average;
  const stars = settings.min >= 1 && settings.max <= 10;
  const data = results.distribution.map((d) => ({ value: String(d.value), count: d.count }));
  const top = Math.max(0, ...results.distribution.map((d) => d.count));
  return (
    <div className="flex h-full w-full flex-col gap-6 lg:flex-row lg:items-center">
      <div className="flex shrink-0 flex-col items-center justify-center lg:w-[34%]">
        <p className={`font-extrabold tabular-nums leading-none ${dark ? 'text-white' : 'text-ink'}`} style={{ fontSize: fontSize * 5 }}>
          {avg !== null ? formatDecimal(avg) : '–'}
        </p>
        <p className={dark ? 'text-white/70' : 'text-slate-500'} style={{ fontSize: fontSize * 0.9 }}>
          {t('display.averageOf', { min: settings.min, max: settings.max })}
        </p>
        {stars && avg !== null && (
          <p aria-hidden="true" className="mt-2 tracking-wider" style={{ fontSize: fontSize * 1.4 }}>
            {Array.from({ length: settings.max }, (_, i) => (
              <span key={i} className={i < Math.round(avg) ? 'text-amber-400' : dark ? 'text-white/20' : 'text-slate-300'}>
                ★
              </span>
            ))}
          </p>
        )}
        <p className={`mt-3 font-semibold ${dark ? 'text-white/80' : 'text-slate-600'}`} style={{ fontSize: fontSize * 0.85 }}>
          {t('display.ratings', { count: results.count })}
        </p>
      </div>
      <div className="min-h-48 flex-1 self-stretch" role="img" aria-label={results.distribution.map((d) => `${d.value}: ${d.count}`).join(', ')}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: fontSize * 1.6, right: 8, bottom: 4, left: 8 }} barCategoryGap="14%">
            <XAxis dataKey="value" tickLine={false} axisLine={false} tick={{ fill: dark ? '#fff' : '#15102e', fontSize, fontWeight: 700 }} />
            <YAxis hide domain={[0, Math.max(1, top)]} />
            <Bar dataKey="count" radius={[10, 10, 0, 0]} isAnimationActive animationDuration={700} minPointSize={4}>
              {data.map((d) => (
                <Cell key={d.value} fill={dark ? '#ffc53d' : '#6128f5'} />
              ))}
              <LabelList dataKey="count" position="top" fill={dark ? 'rgba(255,255,255,0.8)' : '#475569'} fontSize={fontSize * 0.85} fontWeight={700} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
