import { t } from '../../i18n';
import type { RecentParticipant } from '../../types/session';
import type { Tone } from './palette';

/** The most names the lobby lists (the server sends at most this many). */
export const MAX_RECENT = 50;

interface RecentParticipantsProps {
  /** Newest first, as the server sends them; undefined on older servers. */
  participants: RecentParticipant[] | undefined;
  /** Everyone in the session, for "+ N more". */
  total: number;
  tone?: Tone;
  fontSize?: number;
}

/** The lobby's "who is here": the newest nicknames first, then "+ N more". */
export function RecentParticipants({ participants, total, tone = 'dark', fontSize = 16 }: RecentParticipantsProps) {
  if (!participants || participants.length === 0) return null;
  const shown = participants.slice(0, MAX_RECENT);
  const more = Math.max(0, total - shown.length);
  const dark = tone === 'dark';
  return (
    <section aria-label={t('display.joined')} className="min-w-0">
      <ul className="flex flex-wrap gap-[0.4em]" style={{ fontSize }} data-testid="recent-participants">
        {shown.map((p, i) => (
          <li
            key={p.id}
            className={`max-w-full truncate rounded-full px-[0.7em] py-[0.2em] font-semibold ${i === 0 ? 'animate-pop' : ''} ${
              dark ? 'bg-white/12 text-white ring-1 ring-white/20' : 'bg-brand-50 text-brand-900 ring-1 ring-brand-200'
            }`}
            title={p.nickname}
          >
            <bdi>{p.nickname}</bdi>
          </li>
        ))}
        {more > 0 && (
          <li className={`rounded-full px-[0.7em] py-[0.2em] font-bold ${dark ? 'text-white' : 'text-slate-700'}`} data-testid="recent-more">
            {t('display.more', { count: more })}
          </li>
        )}
      </ul>
    </section>
  );
}
