import { t } from '../../i18n';
import type { Activity } from '../../types/activity';
import { ACTIVITY_LABELS } from '../../types/activity';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { TypeIcon } from './TypeIcon';

interface ActivityListProps {
  activities: Activity[];
  currentId: string | null;
  busy: boolean;
  /** An ended session: the list only shows, it offers no controls. */
  readOnly?: boolean;
  onPresent: (a: Activity) => void;
  onEdit: (a: Activity) => void;
  onMove: (a: Activity, by: -1 | 1) => void;
  onDelete: (a: Activity) => void;
}

export function StatusBadge({ status }: { status: Activity['status'] }) {
  if (status === 'open') return <Badge tone="green">{t('activityList.open')}</Badge>;
  if (status === 'closed') return <Badge tone="neutral">{t('activityList.closed')}</Badge>;
  return <Badge tone="amber">{t('activityList.draft')}</Badge>;
}

/** The session's activities in order, with present, edit, reorder and delete. */
export function ActivityList({ activities, currentId, busy, readOnly = false, onPresent, onEdit, onMove, onDelete }: ActivityListProps) {
  if (activities.length === 0) {
    return <p className="py-6 text-center text-slate-500">{t('activityList.noActivitiesYetAdd')}</p>;
  }
  return (
    <ol className="flex flex-col gap-2" aria-label={t('activityList.activities')}>
      {activities.map((a, i) => {
        const current = a.id === currentId;
        return (
          <li
            key={a.id}
            aria-current={current ? 'true' : undefined}
            className={`rounded-xl p-3 ring-1 transition ${current ? 'bg-brand-50 ring-2 ring-brand-500' : 'bg-white ring-slate-200'}`}
          >
            <div className="flex items-start gap-3">
              <span className="mt-1.5 w-5 shrink-0 text-end text-sm font-bold text-slate-400 tabular-nums" aria-hidden="true">
                {i + 1}
              </span>
              <TypeIcon type={a.type} />
              <div className="min-w-0 flex-1">
                <p className="font-semibold leading-snug text-ink break-anywhere">
                  <bdi>{a.title}</bdi>
                </p>
                <div className="mt-1 flex flex-wrap items-center gap-1.5 text-xs">
                  <span className="font-medium text-slate-600">{ACTIVITY_LABELS[a.type]}</span>
                  <StatusBadge status={a.status} />
                  {a.results_visible && <Badge tone="brand">{t('activityList.resultsShown')}</Badge>}
                  {current && <Badge tone="coral">{t('activityList.onScreen')}</Badge>}
                </div>
              </div>
            </div>
            {!readOnly && (
              <div className="mt-2.5 flex flex-wrap items-center gap-1.5 ps-8">
                {/* The accessible name starts with the visible label (WCAG 2.5.3). */}
                <Button
                  size="sm"
                  variant={current ? 'secondary' : 'primary'}
                  disabled={busy || current}
                  onClick={() => onPresent(a)}
                  aria-label={current ? t('activityList.presentingTitle', { title: a.title }) : t('activityList.presentTitle', { title: a.title })}
                >
                  {current ? t('activityList.presenting') : t('activityList.present')}
                </Button>
                <Button size="sm" variant="secondary" disabled={busy} onClick={() => onEdit(a)} aria-label={t('activityList.editTitle', { title: a.title })}>
                  {t('activityList.edit')}
                </Button>
                <Button size="sm" variant="ghost" disabled={busy || i === 0} onClick={() => onMove(a, -1)} aria-label={t('activityList.moveTitleUp', { title: a.title })}>
                  ↑
                </Button>
                <Button size="sm" variant="ghost" disabled={busy || i === activities.length - 1} onClick={() => onMove(a, 1)} aria-label={t('activityList.moveTitleDown', { title: a.title })}>
                  ↓
                </Button>
                {a.status === 'draft' && (
                  <Button size="sm" variant="ghost" className="ms-auto !text-red-700 hover:!bg-red-50" disabled={busy} onClick={() => onDelete(a)} aria-label={t('activityList.deleteTitle', { title: a.title })}>
                    {t('activityList.delete')}
                  </Button>
                )}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** The positions to PATCH to move one activity by one place (renumbers ties). */
export function reorder(activities: Activity[], id: string, by: -1 | 1): { id: string; position: number }[] {
  const list = [...activities];
  const i = list.findIndex((a) => a.id === id);
  const j = i + by;
  if (i < 0 || j < 0 || j >= list.length) return [];
  [list[i], list[j]] = [list[j]!, list[i]!];
  return list.flatMap((a, k) => (a.position === k ? [] : [{ id: a.id, position: k }]));
}
