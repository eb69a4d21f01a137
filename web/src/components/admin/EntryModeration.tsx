import { t } from '../../i18n';
import type { Activity, OpenTextResults, WordCloudResults } from '../../types/activity';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';

interface EntryModerationProps {
  activity: Activity;
  busy: boolean;
  /** Hides (true) or shows / approves (false) an entry. */
  onHide: (entryId: string, hidden: boolean) => void;
  /** Start the list of all entries unfolded (the moderation-only view). */
  open?: boolean;
}

interface Row {
  id: string;
  text: string;
  hidden: boolean;
  held: boolean;
  flagged: boolean;
  count?: number;
}

function rowsOf(activity: Activity): Row[] | null {
  if (activity.type === 'open_text') {
    const r = activity.results as OpenTextResults | null | undefined;
    return (r?.answers ?? []).map((a) => ({ id: a.id, text: a.text, hidden: !!a.hidden, held: !!a.held, flagged: !!a.flagged }));
  }
  if (activity.type === 'word_cloud') {
    const r = activity.results as WordCloudResults | null | undefined;
    return (r?.words ?? [])
      .filter((w) => w.id)
      .map((w) => ({ id: w.id as string, text: w.text, hidden: !!w.hidden, held: !!w.held, flagged: !!w.flagged, count: w.count }));
  }
  return null;
}

function Text({ r }: { r: Row }) {
  return (
    <span className={`min-w-0 flex-1 break-anywhere ${r.hidden ? 'text-slate-400 line-through' : 'text-ink'}`}>
      <bdi>{r.text}</bdi>
      {r.count !== undefined && <span className="ms-1 text-slate-500">×{r.count}</span>}
    </span>
  );
}

/**
 * Open-text answers and word-cloud words for the organizer (and a
 * moderator): the queue of entries waiting for approval (settings.moderation,
 * or a listed word under the session's hold filter) with Approve / Hide, then
 * every entry with Hide / Show.
 */
export function EntryModeration({ activity, busy, onHide, open = false }: EntryModerationProps) {
  const rows = rowsOf(activity);
  if (!rows || rows.length === 0) return null;
  const held = rows.filter((r) => r.held);
  return (
    <div className="flex flex-col gap-3">
      {held.length > 0 && (
        <section className="rounded-xl bg-amber-50 p-3 ring-1 ring-amber-200" aria-label={t('entryModeration.waitingForApproval2')}>
          <p className="text-sm font-semibold text-amber-900">
            {held.length} {t('entryModeration.waitingForApproval')} <span className="font-normal text-amber-800">{t('entryModeration.notOnTheScreen')}</span>
          </p>
          <ul className="mt-2 flex max-h-72 flex-col gap-1.5 overflow-y-auto" aria-label={t('entryModeration.heldEntries')}>
            {held.map((r) => (
              <li key={r.id} className="flex items-center gap-2 text-sm">
                <Text r={r} />
                {r.flagged && <Badge tone="coral">{t('entryModeration.listedWord')}</Badge>}
                <Button size="sm" variant="secondary" disabled={busy} onClick={() => onHide(r.id, false)} aria-label={t('entryModeration.approveText', { text: r.text })}>
                  {t('entryModeration.approve')}
                </Button>
                <Button size="sm" variant="ghost" disabled={busy} onClick={() => onHide(r.id, true)} aria-label={t('entryModeration.hideText', { text: r.text })}>
                  {t('entryModeration.hide')}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <details className="rounded-xl bg-white p-3 ring-1 ring-slate-200" open={open}>
        <summary className="cursor-pointer text-sm font-semibold text-slate-700">{t('entryModeration.summary', { count: rows.filter((r) => r.hidden).length })}</summary>
        <ul className="mt-2 flex max-h-72 flex-col gap-1 overflow-y-auto" aria-label={t('entryModeration.entries')}>
          {rows
            .filter((r) => !r.held)
            .map((r) => (
              <li key={r.id} className="flex items-center gap-2 text-sm">
                <Text r={r} />
                {r.flagged && <Badge tone="coral">{t('entryModeration.listedWord')}</Badge>}
                <Button size="sm" variant="secondary" disabled={busy} onClick={() => onHide(r.id, !r.hidden)} aria-label={`${r.hidden ? t('entryModeration.show') : t('entryModeration.hide')} ${r.text}`}>
                  {r.hidden ? t('entryModeration.show') : t('entryModeration.hide')}
                </Button>
              </li>
            ))}
        </ul>
      </details>
    </div>
  );
}
