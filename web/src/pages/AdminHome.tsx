import { t } from '../i18n';
import { formatDateTime } from '../i18n/format';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { adminStore, type StoredAdminSession } from '../services/storage';
import { AdminShell } from '../components/admin/AdminShell';
import { CreateSessionForm } from '../components/admin/CreateSessionForm';
import { Card } from '../components/ui/Card';
import { Button } from '../components/ui/Button';
import { Notice } from '../components/ui/Notice';
import { MySessions, MY_SESSIONS_KEY, useMySessions } from '../components/account/MySessions';
import { useAccount } from '../hooks/useAccount';
import { accountApi } from '../services/accountApi';
import { describeError } from '../utils/validation';
import { useQueryClient } from '@tanstack/react-query';

/** /admin: create a session, or go back to one created in this browser. */
export function AdminHome() {
  const navigate = useNavigate();
  const [stored, setSessions] = useState<StoredAdminSession[]>(() => adminStore.list());
  const { account } = useAccount();
  // Signed in, the sessions already in the account are listed there, not twice.
  const mine = useMySessions(!!account);
  const inAccount = new Set((account ? mine.data?.pages ?? [] : []).flatMap((p) => p.sessions.map((s) => s.id)));
  const sessions = stored.filter((s) => !inAccount.has(s.id));
  const client = useQueryClient();
  const [claiming, setClaiming] = useState<string | null>(null);
  const [claimError, setClaimError] = useState<string | null>(null);
  const claim = async (s: StoredAdminSession) => {
    setClaiming(s.id);
    setClaimError(null);
    try {
      await accountApi.claim(s.id, s.token);
      await client.invalidateQueries({ queryKey: MY_SESSIONS_KEY });
    } catch (err) {
      setClaimError(describeError(err));
    } finally {
      setClaiming(null);
    }
  };

  useEffect(() => {
    document.title = t('adminHome.docTitle');
  }, []);

  return (
    <AdminShell title={<p className="text-sm font-semibold text-slate-500">{t('adminHome.organizer')}</p>}>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <div>
          <h1 className="text-3xl font-extrabold tracking-tight text-ink">{t('adminHome.runALiveSession')}</h1>
          <p className="mt-2 max-w-prose text-slate-600">
            {t('adminHome.pollsQuizzesWordClouds')}
          </p>
          <Card className="mt-6" title={t('adminHome.newSession')}>
            <CreateSessionForm
              signedInAs={account ? account.display_name || account.email : undefined}
              onCreated={(s) => {
                adminStore.save({ id: s.id, name: s.name, token: s.admin_token, createdAt: s.created_at, ...(s.moderator_token ? { moderatorToken: s.moderator_token } : {}) });
                navigate(`/admin/sessions/${s.id}`);
              }}
            />
          </Card>
        </div>
        <div>
          {account && (
            <Card title={t('account.mySessions')} className="mb-6 lg:mt-[6.5rem]">
              <MySessions />
            </Card>
          )}
          {!(account && sessions.length === 0) && (
          <Card title={account ? t('account.inThisBrowser') : t('adminHome.yourSessions')} className={account ? '' : 'lg:mt-[6.5rem]'}>
            {account && sessions.length > 0 && <p className="mb-3 text-sm text-slate-600">{t('account.claimHint')}</p>}
            {claimError && <Notice tone="error" className="mb-3">{claimError}</Notice>}
            {sessions.length === 0 ? (
              <p className="text-slate-500">{t('adminHome.sessionsYouCreateIn')}</p>
            ) : (
              <ul className="-my-2 divide-y divide-slate-100">
                {sessions.map((s) => (
                  <li key={s.id} className="flex items-center gap-3 py-2.5">
                    <Link to={`/admin/sessions/${s.id}`} className="min-w-0 flex-1 rounded-lg px-1 py-1 hover:bg-slate-50">
                      <span className="block truncate font-semibold text-ink">
                        <bdi>{s.name || t('adminHome.untitledSession')}</bdi>
                      </span>
                      <span className="block text-xs text-slate-500">{t('adminHome.created', { date: formatDateTime(s.createdAt) })}</span>
                    </Link>
                    {account && (
                      <Button
                        variant="secondary"
                        size="sm"
                        busy={claiming === s.id}
                        aria-label={t('account.claimNamed', { name: s.name || t('adminHome.untitledSession') })}
                        onClick={() => void claim(s)}
                      >
                        {t('account.claim')}
                      </Button>
                    )}
                    <Button
                      variant="ghost"
                      size="sm"
                      aria-label={s.name ? t('adminHome.forget', { name: s.name }) : t('adminHome.forgetThis')}
                      onClick={() => {
                        adminStore.forget(s.id);
                        setSessions(adminStore.list());
                      }}
                    >
                      {t('adminHome.forget')}
                    </Button>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          )}
        </div>
      </div>
    </AdminShell>
  );
}
