import { t } from '../i18n';
import { formatDateTime } from '../i18n/format';
import { useEffect, useState } from 'react';
import { Navigate } from 'react-router';
import { AdminShell } from '../components/admin/AdminShell';
import { Button } from '../components/ui/Button';
import { Card } from '../components/ui/Card';
import { ConfirmDialog } from '../components/ui/Dialog';
import { Checkbox } from '../components/ui/Field';
import { Notice } from '../components/ui/Notice';
import { FullPageSpinner } from '../components/ui/Spinner';
import { useAccount } from '../hooks/useAccount';
import { accountApi } from '../services/accountApi';
import { describeError } from '../utils/validation';

/** /admin/account: the signed-in organizer's data: download it all, or delete the account. */
export function AccountPage() {
  const { account, loading, setAccount } = useAccount();
  const [withSessions, setWithSessions] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState<'export' | 'delete' | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Once deleted, the account is gone: back to the dashboard, not to sign-in.
  const [deleted, setDeleted] = useState(false);

  useEffect(() => {
    document.title = t('account.accountTitle');
  }, []);

  if (loading) return <FullPageSpinner />;
  if (deleted) return <Navigate to="/admin" replace />;
  if (!account) return <Navigate to={`/admin/sign-in?next=${encodeURIComponent('/admin/account')}`} replace />;

  const exportAll = async () => {
    setBusy('export');
    setError(null);
    try {
      await accountApi.exportMine();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(null);
    }
  };

  const remove = async () => {
    setBusy('delete');
    setError(null);
    try {
      await accountApi.deleteMe(withSessions);
      setConfirm(false);
      setDeleted(true);
      setAccount(null);
    } catch (err) {
      setConfirm(false);
      setError(describeError(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <AdminShell>
      <div className="mx-auto flex max-w-xl flex-col gap-6">
        <Card title={t('account.accountTitle')}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="font-semibold text-slate-600">{t('account.displayName')}</dt>
            <dd>{account.display_name}</dd>
            <dt className="font-semibold text-slate-600">{t('account.email')}</dt>
            <dd>{account.email}</dd>
            <dt className="font-semibold text-slate-600">{t('account.memberSince')}</dt>
            <dd>{formatDateTime(account.created_at)}</dd>
          </dl>
        </Card>
        {error && <Notice tone="error">{error}</Notice>}
        <Card title={t('account.yourData')}>
          <p className="mb-3 text-sm text-slate-600">{t('account.exportHint')}</p>
          <Button variant="secondary" busy={busy === 'export'} onClick={() => void exportAll()}>
            {t('account.downloadExport')}
          </Button>
        </Card>
        <Card title={t('account.deleteAccount')}>
          <p className="mb-3 text-sm text-slate-600">{t('account.deleteAccountHint')}</p>
          <Checkbox label={t('account.alsoDeleteSessions')} checked={withSessions} onChange={(e) => setWithSessions(e.target.checked)} />
          <Button className="mt-3" variant="danger" disabled={busy !== null} onClick={() => setConfirm(true)}>
            {t('account.deleteAccount')}
          </Button>
        </Card>
      </div>
      <ConfirmDialog
        open={confirm}
        title={t('account.deleteAccountTitle')}
        confirmLabel={t('account.deleteAccount')}
        danger
        busy={busy === 'delete'}
        onCancel={() => setConfirm(false)}
        onConfirm={() => void remove()}
      >
        {withSessions ? t('account.deleteAccountBodyWithSessions') : t('account.deleteAccountBodyKeepSessions')}
      </ConfirmDialog>
    </AdminShell>
  );
}
