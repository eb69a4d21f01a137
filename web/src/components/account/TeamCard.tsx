import { t } from '../../i18n';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useAccount } from '../../hooks/useAccount';
import { accountApi, type Team } from '../../services/accountApi';
import { ApiError, isRetryable } from '../../services/api';
import { describeError } from '../../utils/validation';
import { Card } from '../ui/Card';
import { Notice } from '../ui/Notice';
import { MembersPanel } from './MembersPanel';
import { MY_SESSIONS_KEY } from './MySessions';
import { TeamList } from './TeamList';

export const teamKey = (sessionId: string) => ['session', sessionId, 'team'] as const;

/** GET /sessions/{id}/members, with the admin token when this browser has one, else the account's cookie. */
export function useTeam(sessionId: string, token: string) {
  return useQuery<Team>({
    queryKey: [...teamKey(sessionId), token ? 'token' : 'cookie'],
    queryFn: () => accountApi.team(sessionId, token || null),
    retry: (failures, err) => failures < 2 && isRetryable(err),
    staleTime: 15_000,
  });
}

/**
 * The Team card of a session's dashboard: who is on the team, pending
 * invitations, inviting, and the owner's actions. Hidden from whoever may not
 * read the team (403: a moderator, or no role).
 */
export function TeamCard({
  sessionId,
  token,
  onRevoked,
  onDeleted,
}: {
  sessionId: string;
  /** The admin token, or '' when the cookie alone opens the session. */
  token: string;
  onRevoked: () => void;
  onDeleted: () => void;
}) {
  const { account } = useAccount();
  const team = useTeam(sessionId, token);
  const client = useQueryClient();
  if (team.error instanceof ApiError && team.error.status === 403) return null;
  const refresh = () => void client.invalidateQueries({ queryKey: teamKey(sessionId) });
  return (
    <Card title={t('account.teamTitle')} data-testid="team-card">
      <div className="flex flex-col gap-5">
        {team.isPending ? (
          <p className="text-sm text-slate-600">{t('account.loadingTeam')}</p>
        ) : team.isError ? (
          <Notice tone="error">{describeError(team.error)}</Notice>
        ) : (
          <TeamList
            sessionId={sessionId}
            token={token}
            team={team.data}
            accountId={account?.id ?? null}
            onChanged={(what) => {
              refresh();
              // A hand-over changes both accounts' roles in the dashboard's list.
              if (what === 'transferred') void client.invalidateQueries({ queryKey: MY_SESSIONS_KEY });
            }}
          />
        )}
        <MembersPanel
          sessionId={sessionId}
          token={token}
          team={team.data ?? null}
          onInvited={refresh}
          onRevoked={() => {
            refresh();
            onRevoked();
          }}
          onDeleted={onDeleted}
        />
      </div>
    </Card>
  );
}
