import type { PresenterHandlers } from '../ui/PresenterKeys';
import { canOpen, isScored } from '../admin/PresenterPanel';
import { activityApi } from '../../services/activityApi';
import { sessionApi } from '../../services/sessionApi';
import type { Activity } from '../../types/activity';
import type { Session } from '../../types/session';

/**
 * The display's keys when this browser holds the session's admin token (the
 * organizer opened the display from the dashboard here): the same moves as
 * the dashboard's presenter view, sent with that token. `run` serialises
 * them and reports errors.
 */
export function displayHandlers(session: Session, current: Activity | null, token: string, run: (fn: () => Promise<unknown>) => void): PresenterHandlers {
  const sid = session.id;
  const step = (by: 1 | -1) =>
    run(async () => {
      const { activities } = await activityApi.list(sid, token);
      const list = [...activities].sort((a, b) => a.position - b.position);
      const idx = current ? list.findIndex((a) => a.id === current.id) : -1;
      const target = by === 1 ? (idx >= 0 ? list[idx + 1] : list[0]) : idx > 0 ? list[idx - 1] : undefined;
      if (!target) return;
      const from = current ? list.find((a) => a.id === current.id) : undefined;
      if (from && from.status === 'open' && from.type !== 'qna') await activityApi.update(sid, from.id, token, { status: 'closed' });
      if (session.open_on_present !== false && target.status === 'draft' && canOpen(target)) await activityApi.update(sid, target.id, token, { status: 'open' });
      await sessionApi.update(sid, token, { current_activity_id: target.id });
    });
  return {
    next: () => step(1),
    previous: () => step(-1),
    toggleOpen: () => {
      if (!current) return;
      if (current.status === 'open') run(() => activityApi.update(sid, current.id, token, { status: 'closed' }));
      else if (canOpen(current)) run(() => activityApi.update(sid, current.id, token, { status: 'open' }));
    },
    reveal: () => {
      if (!current || current.type === 'qna' || current.type === 'content' || current.results_visible) return;
      run(() =>
        activityApi.update(sid, current.id, token, isScored(current) && current.status === 'open' ? { status: 'closed', results_visible: true } : { results_visible: true }),
      );
    },
    hide: () => {
      if (current?.results_visible) run(() => activityApi.update(sid, current.id, token, { results_visible: false }));
    },
    qr: () => run(() => sessionApi.update(sid, token, { show_join_info: !session.show_join_info })),
  };
}
