import type { Activity, OpenTextResults, WordCloudResults } from '../../types/activity';
import { Button } from '../ui/Button';

interface EntryModerationProps {
  activity: Activity;
  busy: boolean;
  onHide: (entryId: string, hidden: boolean) => void;
  /** Start unfolded (the moderation-only view). */
  open?: boolean;
}

/** Open-text answers and word-cloud words with Hide / Show, for the organizer. */
export function EntryModeration({ activity, busy, onHide, open = false }: EntryModerationProps) {
  let rows: { id: string; text: string; hidden: boolean; count?: number }[] = [];
  if (activity.type === 'open_text') {
    const r = activity.results as OpenTextResults | null | undefined;
    rows = (r?.answers ?? []).map((a) => ({ id: a.id, text: a.text, hidden: !!a.hidden }));
  } else if (activity.type === 'word_cloud') {
    const r = activity.results as WordCloudResults | null | undefined;
    rows = (r?.words ?? []).filter((w) => w.id).map((w) => ({ id: w.id as string, text: w.text, hidden: !!w.hidden, count: w.count }));
  } else {
    return null;
  }
  if (rows.length === 0) return null;
  return (
    <details className="rounded-xl bg-white p-3 ring-1 ring-slate-200" open={open}>
      <summary className="cursor-pointer text-sm font-semibold text-slate-700">Moderate entries ({rows.filter((r) => r.hidden).length} hidden)</summary>
      <ul className="mt-2 flex max-h-72 flex-col gap-1 overflow-y-auto" aria-label="Entries">
        {rows.map((r) => (
          <li key={r.id} className="flex items-center gap-2 text-sm">
            <span className={`min-w-0 flex-1 break-anywhere ${r.hidden ? 'text-slate-400 line-through' : 'text-ink'}`}>
              {r.text}
              {r.count !== undefined && <span className="ml-1 text-slate-500">×{r.count}</span>}
            </span>
            <Button size="sm" variant="secondary" disabled={busy} onClick={() => onHide(r.id, !r.hidden)} aria-label={`${r.hidden ? 'Show' : 'Hide'} ${r.text}`}>
              {r.hidden ? 'Show' : 'Hide'}
            </Button>
          </li>
        ))}
      </ul>
    </details>
  );
}
