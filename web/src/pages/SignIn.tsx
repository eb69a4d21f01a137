import { i18n, t } from '../i18n';
import { useEffect, useState, type FormEvent, type MouseEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { AdminShell } from '../components/admin/AdminShell';
import { Button } from '../components/ui/Button';
import { Card } from '../components/ui/Card';
import { TextField } from '../components/ui/Field';
import { Notice } from '../components/ui/Notice';
import { useAccount } from '../hooks/useAccount';
import { useSubmit } from '../hooks/useSubmit';
import { accountApi, checkSso, SSO_START_URL } from '../services/accountApi';
import { describeError } from '../utils/validation';

const known = (f: string) => f === 'email' || f === 'password' || f === 'display_name';

/** Only paths of this app are followed after signing in (never another site). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/admin';
}

/** The message of a single sign-on failure the server redirected here with (a problem code). */
export function ssoErrorMessage(code: string | null): string | null {
  if (!code) return null;
  const key = /^[a-z_]{1,64}$/.test(code) ? `errors.${code}` : '';
  return key && i18n.exists(key) ? t(key) : t('errors.sso_failed');
}

/** /admin/sign-in: sign in or create an account with a password, or with single sign-on. */
export function SignIn() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [mode, setMode] = useState<'in' | 'up'>(params.get('mode') === 'signup' ? 'up' : 'in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  // A failed return from the provider lands here with ?sso_error=<code>.
  const [ssoError, setSsoError] = useState<string | null>(() => ssoErrorMessage(params.get('sso_error')));
  const [ssoBusy, setSsoBusy] = useState(false);
  // The link works without script; with it, an SSO that is off is said in words
  // here instead of a bare error page.
  const startSso = async (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    setSsoError(null);
    setSsoBusy(true);
    try {
      await checkSso();
      window.location.assign(SSO_START_URL);
    } catch (err) {
      setSsoError(describeError(err));
      setSsoBusy(false);
    }
  };
  const { account, setAccount } = useAccount();
  const navigate = useNavigate();

  useEffect(() => {
    document.title = mode === 'in' ? t('account.signInTitle') : t('account.signUpTitle');
  }, [mode]);

  const { submit: send, status, errors, reset } = useSubmit(
    () =>
      mode === 'in'
        ? accountApi.logIn({ email: email.trim(), password })
        : accountApi.signUp({ email: email.trim(), password, ...(displayName.trim() ? { display_name: displayName.trim() } : {}) }),
    {
      maxAttempts: 1,
      knownField: known,
      onSuccess: (a) => {
        setAccount(a);
        navigate(next, { replace: true });
      },
    },
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setLocalError(null);
    if (mode === 'up' && [...password].length < 10) {
      setLocalError(t('account.passwordTooShort'));
      return;
    }
    send(undefined);
  };

  const switchMode = () => {
    setMode(mode === 'in' ? 'up' : 'in');
    setLocalError(null);
    reset();
  };

  return (
    <AdminShell>
      <Card title={mode === 'in' ? t('account.signInTitle') : t('account.signUpTitle')} className="mx-auto max-w-md">
        {account && (
          <Notice tone="info" className="mb-4">
            {t('account.alreadySignedIn', { name: account.display_name || account.email })}{' '}
            <Link to={next} className="font-semibold underline">
              {t('account.continue')}
            </Link>
          </Notice>
        )}
        <form onSubmit={submit} noValidate aria-label={mode === 'in' ? t('account.signInTitle') : t('account.signUpTitle')} className="flex flex-col gap-4">
          <TextField
            label={t('account.email')}
            type="email"
            autoComplete="email"
            required
            value={email}
            error={errors.fields['email']}
            onChange={(e) => setEmail(e.target.value)}
          />
          <TextField
            label={t('account.password')}
            type="password"
            autoComplete={mode === 'in' ? 'current-password' : 'new-password'}
            required
            hint={mode === 'up' ? t('account.passwordHint') : undefined}
            value={password}
            error={errors.fields['password'] ?? localError ?? undefined}
            onChange={(e) => setPassword(e.target.value)}
          />
          {mode === 'up' && (
            <TextField
              label={t('account.displayName')}
              hint={t('account.displayNameHint')}
              autoComplete="name"
              value={displayName}
              maxLength={255}
              error={errors.fields['display_name']}
              onChange={(e) => setDisplayName(e.target.value)}
            />
          )}
          {errors.general && <Notice tone="error">{errors.general}</Notice>}
          <Button type="submit" size="lg" busy={status === 'sending'}>
            {mode === 'in' ? t('account.signIn') : t('account.createAccount')}
          </Button>
        </form>
        <div className="my-4 flex items-center gap-3 text-xs text-slate-500" aria-hidden="true">
          <span className="h-px flex-1 bg-slate-200" />
          {t('account.or')}
          <span className="h-px flex-1 bg-slate-200" />
        </div>
        <a
          href={SSO_START_URL}
          onClick={(e) => void startSso(e)}
          aria-busy={ssoBusy || undefined}
          className="flex w-full items-center justify-center rounded-xl border border-slate-300 bg-white px-4 py-2.5 font-semibold text-ink hover:bg-slate-50"
        >
          {t('account.signInWithSso')}
        </a>
        {ssoError && (
          <Notice tone="error" className="mt-3">
            {ssoError}
          </Notice>
        )}
        <p className="mt-4 text-sm text-slate-600">
          {mode === 'in' ? t('account.noAccountYet') : t('account.haveAccount')}{' '}
          <button type="button" className="font-semibold text-brand-700 hover:underline" onClick={switchMode}>
            {mode === 'in' ? t('account.createAccount') : t('account.signIn')}
          </button>
        </p>
        <p className="mt-2 text-sm">
          <Link to="/admin" className="font-semibold text-brand-700 hover:underline">
            {t('account.backToDashboard')}
          </Link>
        </p>
      </Card>
    </AdminShell>
  );
}
