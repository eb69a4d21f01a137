import { t } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { useId, useState } from 'react';
import { accountApi, type Team, type TeamMember, type TeamPerson } from '../../services/accountApi';
import { describeError } from '../../utils/validation';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { ConfirmDialog } from '../ui/Dialog';
import { Notice } from '../ui/Notice';

const ROLE_KEYS: Record<TeamMember['role'], string> = { 'co-host': 'account.roleCoHost', moderator: 'account.roleModerator' };
const DATE: Intl.DateTimeFormatOptions = { dateStyle: 'medium' };

/** A person's name as the team shows it: the display name, else the email. */
export function personName(p: TeamPerson): string {
  return p.display_name.trim() || p.email;
}

function Person({ person, id, you }: { person: TeamPerson; id: string; you: boolean }) {
  const name = personName(person);
  return (
    <span className="min-w-0 flex-1">
      <span id={id} className="block truncate font-semibold text-ink">
        <bdi>{name}</bdi>
        {you && <span className="font-normal text-slate-500"> {t('account.you')}</span>}
      </span>
      {name !== person.email && (
        <span className="block truncate text-xs text-slate-600">
          <bdi dir="ltr">{person.email}</bdi>
        </span>
      )}
    </span>
  );
}

const memberId = (base: string, i: number) => `${base}-m${i}`;

type Pending = { kind: 'remove' | 'transfer'; member: TeamMember };

/**
 * The session's team (GET /members): the owner, each co-host and moderator
 * with a Remove button, "Make owner" next to co-hosts for the owner's own
 * account, and the pending invitations.
 */
export function TeamList({
  sessionId,
  token,
  team,
  accountId,
  onChanged,
}: {
  sessionId: string;
  token: string;
  team: Team;
  /** The signed-in account's id (GET /auth/me), if any. */
  accountId: string | null;
  /** The team changed here (refetch it, and what depends on roles). */
  onChanged: (what: 'removed' | 'transferred' | 'cancelled') => void;
}) {
  const base = useId();
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Handing over is the owner's own account's act (not the admin link's).
  const ownerAccount = !!accountId && team.owner?.account_id === accountId;

  const act = async ({ kind, member }: Pending) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    const name = personName(member);
    try {
      if (kind === 'remove') {
        await accountApi.removeMember(sessionId, member.account_id, token || null);
        setNotice(t('account.memberRemoved', { name }));
        onChanged('removed');
      } else {
        await accountApi.transfer(sessionId, member.account_id);
        setNotice(t('account.transferred', { name }));
        onChanged('transferred');
      }
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
      setPending(null);
    }
  };

  // Cancelling an invitation needs no confirmation: inviting again undoes it.
  const cancelInvitation = async (email: string) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await accountApi.revokeInvitations(sessionId, email, token || null);
      setNotice(t('account.invitationCancelled', { email }));
      onChanged('cancelled');
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  const pendingName = pending ? personName(pending.member) : '';
  return (
    <div className="flex flex-col gap-4">
      <ul className="-my-2 divide-y divide-slate-100" aria-label={t('account.teamList')} data-testid="team-list">
        <li className="flex items-center gap-3 py-2.5" data-testid="team-owner">
          {team.owner ? (
            <Person person={team.owner} id={`${base}-owner`} you={team.owner.account_id === accountId} />
          ) : (
            <span className="min-w-0 flex-1 text-sm text-slate-600">{t('account.noOwner')}</span>
          )}
          <Badge tone="brand">{t('account.roleOwner')}</Badge>
        </li>
        {team.members.map((m, i) => {
          const id = memberId(base, i);
          const you = m.account_id === accountId;
          return (
            <li key={m.account_id} className="flex flex-wrap items-center gap-x-3 gap-y-2 py-2.5" data-testid="team-member">
              <Person person={m} id={id} you={you} />
              <span className="flex flex-col items-end gap-1">
                <Badge tone="amber">{t(ROLE_KEYS[m.role] ?? 'account.roleModerator')}</Badge>
                <span className="text-xs text-slate-600">{t('account.since', { date: formatDateTime(m.since, DATE) })}</span>
              </span>
              {!you && (
                <span className="flex gap-2">
                  {ownerAccount && m.role === 'co-host' && (
                    <Button size="sm" variant="secondary" disabled={busy} aria-describedby={id} onClick={() => setPending({ kind: 'transfer', member: m })}>
                      {t('account.makeOwner')}
                    </Button>
                  )}
                  <Button size="sm" variant="danger" disabled={busy} aria-describedby={id} onClick={() => setPending({ kind: 'remove', member: m })}>
                    {t('account.removeMember')}
                  </Button>
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {team.members.length === 0 && <p className="text-sm text-slate-600">{t('account.noMembers')}</p>}
      {team.invitations.length > 0 && (
        <div>
          <h3 className="mb-1 text-sm font-bold text-ink">{t('account.pendingInvitations')}</h3>
          <ul className="divide-y divide-slate-100" aria-label={t('account.pendingInvitations')} data-testid="team-invitations">
            {team.invitations.map((inv) => (
              <li key={`${inv.email} ${inv.created_at}`} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
                <span className="min-w-0 flex-1 truncate text-sm text-ink">
                  <bdi dir="ltr">{inv.email}</bdi>
                </span>
                <Badge>{t(ROLE_KEYS[inv.role] ?? 'account.roleModerator')}</Badge>
                <span className="text-xs text-slate-600">{t('account.invitationExpires', { date: formatDateTime(inv.expires_at, DATE) })}</span>
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={busy}
                  aria-label={t('account.cancelInvitationFor', { email: inv.email })}
                  onClick={() => void cancelInvitation(inv.email)}
                >
                  {t('account.cancelInvitation')}
                </Button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {notice && <Notice tone="success">{notice}</Notice>}
      {error && <Notice tone="error">{error}</Notice>}
      <ConfirmDialog
        open={pending?.kind === 'remove'}
        title={t('account.removeMemberTitle', { name: pendingName })}
        confirmLabel={t('account.removeMember')}
        danger
        busy={busy}
        onCancel={() => setPending(null)}
        onConfirm={() => pending && void act(pending)}
      >
        {t('account.removeMemberBody')}
      </ConfirmDialog>
      <ConfirmDialog
        open={pending?.kind === 'transfer'}
        title={t('account.makeOwnerTitle', { name: pendingName })}
        confirmLabel={t('account.makeOwner')}
        busy={busy}
        onCancel={() => setPending(null)}
        onConfirm={() => pending && void act(pending)}
      >
        {t('account.makeOwnerBody', { name: pendingName })}
      </ConfirmDialog>
    </div>
  );
}
