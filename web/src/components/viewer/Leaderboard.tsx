import { t } from '../../i18n';
import { formatNumber } from '../../i18n/format';
import type { LeaderboardEntry } from '../../types/session';
import type { Tone } from './palette';

// Gold, silver, bronze (drawn, not emoji: projector laptops may lack an emoji font).
const MEDALS = ['#f5b700', '#b8c2cc', '#d08a4e'];

function Rank({ rank, fontSize }: { rank: number; fontSize: number }) {
  const medal = MEDALS[rank - 1];
  return (
    <span
      className="flex shrink-0 items-center justify-center rounded-full font-extrabold tabular-nums"
      style={{
        width: fontSize * 1.6,
        height: fontSize * 1.6,
        fontSize: fontSize * 0.8,
        backgroundColor: medal ?? 'transparent',
        color: medal ? '#15102e' : 'inherit',
      }}
      aria-label={t('display.rank', { rank })}
    >
      {rank}
    </span>
  );
}

/** The quiz leaderboard, top first; ties share a rank. */
export function Leaderboard({ entries, tone = 'dark', max = 10, fontSize = 26, title = t('display.leaderboard') }: { entries: LeaderboardEntry[]; tone?: Tone; max?: number; fontSize?: number; title?: string }) {
  const dark = tone === 'dark';
  const top = entries.slice(0, max);
  return (
    <section aria-label={title} className="flex flex-col gap-3">
      <h3 className={`font-extrabold ${dark ? 'text-white' : 'text-ink'}`} style={{ fontSize: fontSize * 1.1 }}>
        {title}
      </h3>
      {top.length === 0 && <p className={dark ? 'text-white/60' : 'text-slate-500'}>{t('display.noScores')}</p>}
      <ol className="flex flex-col gap-2">
        {top.map((e, i) => (
          <li
            key={e.participant_id}
            className={`animate-fade-up flex items-center gap-4 rounded-2xl ${
              dark ? (e.rank === 1 ? 'bg-white text-ink shadow-xl' : 'bg-white/10 text-white') : e.rank === 1 ? 'bg-amber-50 text-ink ring-1 ring-amber-200' : 'bg-slate-50 text-ink'
            }`}
            style={{ fontSize, padding: `${Math.round(fontSize * 0.28)}px ${Math.round(fontSize * 0.55)}px`, animationDelay: `${i * 60}ms` }}
          >
            <Rank rank={e.rank} fontSize={fontSize} />
            <span className="min-w-0 flex-1 truncate font-bold">
              <bdi>{e.nickname}</bdi>
            </span>
            <span className="shrink-0 font-extrabold tabular-nums">{formatNumber(e.score)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
