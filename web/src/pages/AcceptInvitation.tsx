import { t } from '../i18n';
import { useEffect, useRef, useState } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { AdminShell } from '../components/admin/AdminShell';
import { Card } from '../components/ui/Card';
import { Notice } from '../components/ui/Notice';
import { FullPageSpinner } from '../components/ui/Spinner';
import { useAccount } from '../hooks/useAccount';
import { accountApi } from '../services/accountApi';
import { describeError } from '../utils/validation';

/** /admin/invitations/:token: signs in if needed, accepts the invitation, opens the session. */
export function AcceptInvitation() {
  const { token = '' } = useParams();
  const { account, loading } = useAccount();
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);
  const navigate = useNavigate();
  const client = useQueryClient();

  useEffect(() => {
    document.title = t('account.invitationTitle');
  }, []);

  useEffect(() => {
    if (!account || started.current) return;
    started.current = true;
    accountApi
      .accept(token)
      .then((m) => {
        void client.invalidateQueries({ queryKey: ['account', 'sessions'] });
        navigate(m.role === 'moderator' ? `/admin/sessions/${m.session_id}/moderate` : `/admin/sessions/${m.session_id}`, { replace: true });
      })
      .catch((err: unknown) => setError(describeError(err)));
  }, [account, token, navigate, client]);

  if (loading) return <FullPageSpinner />;
  if (!account) return <Navigate to={`/admin/sign-in?next=${encodeURIComponent(`/admin/invitations/${token}`)}`} replace />;
  return (
    <AdminShell>
      <Card title={t('account.invitationTitle')} className="mx-auto max-w-md">
        {error ? (
          <>
            <Notice tone="error">{error}</Notice>
            <p className="mt-4 text-sm">
              <Link to="/admin" className="font-semibold text-brand-700 hover:underline">
                {t('account.backToDashboard')}
              </Link>
            </p>
          </>
        ) : (
          <p className="text-slate-600" role="status">
            {t('account.accepting')}
          </p>
        )}
      </Card>
    </AdminShell>
  );
}
