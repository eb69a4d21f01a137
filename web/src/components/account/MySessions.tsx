import { t } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { useInfiniteQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { Link } from 'react-router';
import { accountApi, type MySession, type MySessionsPage } from '../../services/accountApi';
import { describeError } from '../../utils/validation';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { Notice } from '../ui/Notice';

export const MY_SESSIONS_KEY = ['account', 'sessions'] as const;

/** The pages of GET /me/sessions loaded so far (one cache for the list and whoever reads it). */
export function useMySessions(enabled: boolean) {
  return useInfiniteQuery({
    queryKey: MY_SESSIONS_KEY,
    queryFn: ({ pageParam }) => accountApi.mySessions(pageParam || undefined),
    initialPageParam: '',
    getNextPageParam: (last: MySessionsPage) => last.next_cursor || undefined,
    enabled,
  });
}

/** The account's role in a session, when the dashboard's list has it (undefined: not known here). */
export function useMyRole(sessionId: string): MySession['role'] | undefined {
  const client = useQueryClient();
  const data = client.getQueryData<InfiniteData<MySessionsPage>>(MY_SESSIONS_KEY);
  return data?.pages.flatMap((p) => p.sessions).find((s) => s.id === sessionId)?.role;
}

const ROLE_KEYS: Record<MySession['role'], string> = { owner: 'account.roleOwner', 'co-host': 'account.roleCoHost', moderator: 'account.roleModerator' };
const STATUS_KEYS: Record<MySession['status'], string> = { draft: 'account.statusDraft', active: 'account.statusActive', completed: 'account.statusCompleted' };

/** The signed-in account's sessions (GET /me/sessions, a page at a time), on any device. */
export function MySessions() {
  const q = useMySessions(true);
  if (q.isPending) return <p className="text-slate-500">{t('account.loadingSessions')}</p>;
  if (q.isError) return <Notice tone="error">{describeError(q.error)}</Notice>;
  const sessions = q.data.pages.flatMap((p) => p.sessions);
  if (sessions.length === 0) return <p className="text-slate-500">{t('account.noSessionsYet')}</p>;
  return (
    <div>
      <ul className="-my-2 divide-y divide-slate-100" aria-label={t('account.mySessions')}>
        {sessions.map((s) => (
          <li key={s.id} className="flex items-center gap-3 py-2.5">
            <Link
              to={s.role === 'moderator' ? `/admin/sessions/${s.id}/moderate` : `/admin/sessions/${s.id}`}
              className="min-w-0 flex-1 rounded-lg px-1 py-1 hover:bg-slate-50"
            >
              <span className="block truncate font-semibold text-ink">
                <bdi>{s.name || t('adminHome.untitledSession')}</bdi>
              </span>
              <span className="block text-xs text-slate-500">{t('adminHome.created', { date: formatDateTime(s.created_at) })}</span>
            </Link>
            <Badge tone={s.status === 'active' ? 'green' : 'neutral'}>{t(STATUS_KEYS[s.status] ?? 'account.statusDraft')}</Badge>
            <Badge tone={s.role === 'owner' ? 'brand' : 'amber'}>{t(ROLE_KEYS[s.role] ?? 'account.roleModerator')}</Badge>
          </li>
        ))}
      </ul>
      {q.hasNextPage && (
        <Button className="mt-3" variant="secondary" size="sm" busy={q.isFetchingNextPage} onClick={() => void q.fetchNextPage()}>
          {t('account.moreSessions')}
        </Button>
      )}
    </div>
  );
}
