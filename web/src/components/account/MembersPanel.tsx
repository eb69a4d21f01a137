import { t } from '../../i18n';
import { useState, type FormEvent } from 'react';
import { useAccount } from '../../hooks/useAccount';
import { useMyRole } from './MySessions';
import { useSubmit } from '../../hooks/useSubmit';
import { accountApi, type Invitation, type Team } from '../../services/accountApi';
import { describeError } from '../../utils/validation';
import { Button } from '../ui/Button';
import { ConfirmDialog } from '../ui/Dialog';
import { FieldShell, TextField } from '../ui/Field';
import { Notice } from '../ui/Notice';

type Role = 'co-host' | 'moderator';

const known = (f: string) => f === 'email' || f === 'role';

/**
 * Inviting to the session's team: a co-host or a moderator by email (the
 * server sends no mail: the link is shown to copy), and the owner's actions,
 * revoking the admin link and deleting the session.
 */
export function MembersPanel({
  sessionId,
  token,
  team,
  onInvited,
  onRevoked,
  onDeleted,
}: {
  sessionId: string;
  /** The admin token, or '' when the cookie alone opens the session. */
  token: string;
  /** The team as GET /members tells it (null while unknown). */
  team: Team | null;
  onInvited: () => void;
  onRevoked: () => void;
  onDeleted: () => void;
}) {
  const { account } = useAccount();
  const myRole = useMyRole(sessionId);
  // Owner-only actions: by the team's your_role once known, else by the
  // dashboard's list (the admin link deletes as the owner does; the server
  // decides in the end).
  const owner = team ? team.your_role === 'owner' : myRole === undefined || myRole === 'owner';
  // Revoking is the owner's account's act: offered while the session has a link
  // (with the team known, also when this browser never had it).
  const canRevoke = !!account && (team ? team.admin_link && team.owner?.account_id === account.id : !!token && owner);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('co-host');
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const [copied, setCopied] = useState(false);
  const [confirm, setConfirm] = useState<'revoke' | 'delete' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const { submit: send, status, errors } = useSubmit(() => accountApi.invite(sessionId, token || null, { email: email.trim(), role }), {
    maxAttempts: 1,
    knownField: known,
    onSuccess: (inv) => {
      setInvitation(inv);
      setCopied(false);
      setEmail('');
      onInvited();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setInvitation(null);
    send(undefined);
  };

  const copy = async () => {
    if (!invitation) return;
    try {
      await navigator.clipboard.writeText(invitation.url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  const act = async (what: 'revoke' | 'delete') => {
    setBusy(true);
    setError(null);
    try {
      if (what === 'revoke') {
        await accountApi.revokeAdminToken(sessionId);
        setNotice(t('account.adminLinkRevoked'));
        onRevoked();
      } else {
        await accountApi.deleteSession(sessionId, token || null);
        onDeleted();
      }
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
      setConfirm(null);
    }
  };

  return (
    <div className="flex flex-col gap-4">
      {account ? (
        <form onSubmit={submit} noValidate aria-label={t('account.inviteForm')} className="flex flex-col gap-3">
          <TextField label={t('account.inviteEmail')} type="email" autoComplete="off" value={email} error={errors.fields['email']} onChange={(e) => setEmail(e.target.value)} />
          <FieldShell id={`invite-role-${sessionId}`} label={t('account.inviteRole')} error={errors.fields['role']}>
            <select
              id={`invite-role-${sessionId}`}
              className="w-full rounded-xl border border-slate-300 bg-white px-3 py-2"
              value={role}
              onChange={(e) => setRole(e.target.value as Role)}
            >
              <option value="co-host">{t('account.roleCoHost')}</option>
              <option value="moderator">{t('account.roleModerator')}</option>
            </select>
          </FieldShell>
          <p className="text-xs text-slate-500">{role === 'co-host' ? t('account.roleCoHostHint') : t('account.roleModeratorHint')}</p>
          {errors.general && <Notice tone="error">{errors.general}</Notice>}
          <div>
            <Button type="submit" size="sm" busy={status === 'sending'}>
              {t('account.invite')}
            </Button>
          </div>
        </form>
      ) : (
        <p className="text-sm text-slate-600">{t('account.signInToInvite')}</p>
      )}
      {invitation && (
        <div className="flex flex-col gap-2">
          <TextField label={t('account.invitationLink')} hint={t('account.invitationLinkHint')} value={invitation.url} readOnly onFocus={(e) => e.currentTarget.select()} inputClassName="font-mono text-sm" />
          <div>
            <Button size="sm" variant="secondary" onClick={() => void copy()}>
              {copied ? t('account.copied') : t('account.copyLink')}
            </Button>
          </div>
        </div>
      )}
      {notice && <Notice tone="success">{notice}</Notice>}
      {error && <Notice tone="error">{error}</Notice>}
      {(canRevoke || owner || !!token) && (
        <div className="flex flex-wrap gap-2 border-t border-slate-100 pt-3">
          {canRevoke && (
            <Button size="sm" variant="secondary" disabled={busy} onClick={() => setConfirm('revoke')}>
              {t('account.revokeAdminLink')}
            </Button>
          )}
          {(owner || token) && (
            <Button size="sm" variant="danger" disabled={busy} onClick={() => setConfirm('delete')}>
              {t('account.deleteSession')}
            </Button>
          )}
        </div>
      )}
      <ConfirmDialog
        open={confirm === 'revoke'}
        title={t('account.revokeAdminLinkTitle')}
        confirmLabel={t('account.revokeAdminLink')}
        danger
        busy={busy}
        onCancel={() => setConfirm(null)}
        onConfirm={() => void act('revoke')}
      >
        {t('account.revokeAdminLinkBody')}
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === 'delete'}
        title={t('account.deleteSessionTitle')}
        confirmLabel={t('account.deleteSession')}
        danger
        busy={busy}
        onCancel={() => setConfirm(null)}
        onConfirm={() => void act('delete')}
      >
        {t('account.deleteSessionBody')}
      </ConfirmDialog>
    </div>
  );
}
