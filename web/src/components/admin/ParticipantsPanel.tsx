import { t } from '../../i18n';
import type { ParticipantSummary } from '../../types/session';
import { Button } from '../ui/Button';

/** Who joined, with their score; kick removes someone (their token stops working). */
export function ParticipantsPanel({
  participants,
  busy,
  readOnly = false,
  onKick,
}: {
  participants: ParticipantSummary[] | undefined;
  busy: boolean;
  /** An ended session: nobody to remove. */
  readOnly?: boolean;
  onKick: (p: ParticipantSummary) => void;
}) {
  if (!participants) return <p className="text-slate-500">{t('participantsPanel.loading')}</p>;
  if (participants.length === 0) return <p className="text-slate-500">{t('participantsPanel.nobodyHasJoinedYet')}</p>;
  return (
    <ul className="-my-1 max-h-80 divide-y divide-slate-100 overflow-y-auto" aria-label={t('participantsPanel.participants')}>
      {participants.map((p) => (
        <li key={p.id} className="flex items-center gap-3 py-2">
          <span className="flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-brand-100 text-sm font-bold text-brand-800" aria-hidden="true">
            {[...p.nickname][0]?.toUpperCase() ?? '?'}
          </span>
          <span className="min-w-0 flex-1 truncate font-medium text-ink">
            <bdi>{p.nickname}</bdi>
          </span>
          {p.score > 0 && <span className="shrink-0 text-sm font-semibold tabular-nums text-slate-600">{t('ranking.points', { count: p.score })}</span>}
          {!readOnly && (
            <Button size="sm" variant="ghost" className="shrink-0 !text-red-700 hover:!bg-red-50" disabled={busy} onClick={() => onKick(p)} aria-label={t('participantsPanel.removeNickname', { nickname: p.nickname })}>
              {t('participantsPanel.remove')}
            </Button>
          )}
        </li>
      ))}
    </ul>
  );
}
