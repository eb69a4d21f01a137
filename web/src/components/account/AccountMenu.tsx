import { t } from '../../i18n';
import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useAccount } from '../../hooks/useAccount';
import { accountApi } from '../../services/accountApi';
import { Button } from '../ui/Button';

/** The dashboard header's corner: who is signed in, their account page and sign-out; or a sign-in link. */
export function AccountMenu() {
  const { account, loading, setAccount } = useAccount();
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const location = useLocation();
  if (loading) return null;
  if (!account) {
    if (location.pathname === '/admin/sign-in') return null;
    const next = location.pathname + location.search;
    return (
      <Link to={`/admin/sign-in?next=${encodeURIComponent(next)}`} className="text-sm font-semibold text-brand-700 hover:underline">
        {t('account.signIn')}
      </Link>
    );
  }
  const signOut = async () => {
    setBusy(true);
    try {
      await accountApi.logOut();
    } catch {
      /* the cookie may already be gone: signed out either way */
    } finally {
      setBusy(false);
      setAccount(null);
      navigate('/admin');
    }
  };
  return (
    <div className="flex items-center gap-2" aria-label={t('account.signedInRegion')} role="group">
      <Link to="/admin/account" className="max-w-[14rem] truncate text-sm font-semibold text-ink hover:underline" title={account.email}>
        {t('account.signedInAs', { name: account.display_name || account.email })}
      </Link>
      <Button variant="ghost" size="sm" busy={busy} onClick={() => void signOut()}>
        {t('account.signOut')}
      </Button>
    </div>
  );
}
