import { t } from '../i18n';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../services/api';
import { participantApi } from '../services/participantApi';
import { sessionApi } from '../services/sessionApi';
import { participantStore } from '../services/storage';
import type { JoinLookup } from '../types/session';
import { describeError } from '../utils/validation';
import { JoinCodeForm } from '../components/participant/JoinCodeForm';
import { NicknameForm } from '../components/participant/NicknameForm';
import { LanguageSelect } from '../components/ui/LanguageSelect';
import { useLanguageScope } from '../i18n/scope';
import { Logo } from '../components/ui/Logo';
import { FullPageSpinner } from '../components/ui/Spinner';
import { Notice } from '../components/ui/Notice';
import { Button } from '../components/ui/Button';

/** A participant write refused because the session is over (409 "this session has ended"). */
export function isEnded(err: unknown): boolean {
  return err instanceof ApiError && err.status === 409 && /ended/i.test(err.problem?.detail ?? '');
}

/** The phone's way in: /join (type the code) and /join/{code} (from the QR code). */
export function ParticipantJoin() {
  const { code } = useParams();
  const navigate = useNavigate();
  const [lookup, setLookup] = useState<JoinLookup | null>(null);
  const [codeError, setCodeError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const last = participantStore.last();
  useLanguageScope('phone');

  useEffect(() => {
    if (!code) {
      setLookup(null);
      return;
    }
    let cancelled = false;
    setBusy(true);
    setCodeError(undefined);
    sessionApi
      .lookupCode(code)
      .then((found) => {
        if (cancelled) return;
        // Already joined from this browser: straight back in.
        if (participantStore.get(found.session_id)) {
          navigate(`/p/${found.session_id}`, { replace: true });
          return;
        }
        setLookup(found);
      })
      .catch((err: unknown) => {
        if (cancelled) return;
        setLookup(null);
        setCodeError(
          err instanceof ApiError && (err.status === 404 || err.status === 422)
            ? t('join.noSession', { code })
            : describeError(err),
        );
      })
      .finally(() => !cancelled && setBusy(false));
    return () => {
      cancelled = true;
    };
  }, [code, navigate]);

  const join = async (nickname: string) => {
    if (!lookup) return;
    let p;
    try {
      p = await participantApi.join(lookup.session_id, nickname);
    } catch (err) {
      // The organizer ended it while this phone was choosing a nickname.
      if (isEnded(err)) setLookup({ ...lookup, status: 'completed' });
      throw err;
    }
    participantStore.set({ ...p, sessionId: lookup.session_id, joinedAt: new Date().toISOString(), ...(code ? { joinCode: code } : {}) });
    navigate(`/p/${lookup.session_id}`, { state: { justJoined: true } });
  };

  return (
    <div className="flex min-h-dvh flex-col bg-gradient-to-b from-brand-50 to-white">
      <main className="mx-auto flex w-full max-w-md flex-1 flex-col px-5 pt-10 pb-8">
        <div className="mb-8 flex items-center justify-between gap-3">
          <Logo size={40} />
          <LanguageSelect scope="phone" />
        </div>
        <div className="rounded-3xl bg-white p-6 shadow-xl shadow-brand-900/5 ring-1 ring-slate-200">
          <h1 className="mb-5 text-2xl font-extrabold text-ink">{lookup ? t('join.chooseNickname') : t('join.title')}</h1>
          {code && busy && !lookup ? (
            <FullPageSpinner label={t('join.finding')} />
          ) : lookup ? (
            lookup.status === 'completed' ? (
              <Notice tone="warning">{t('join.ended', { name: lookup.name })}</Notice>
            ) : (
              <NicknameForm sessionName={lookup.name} onJoin={join} />
            )
          ) : (
            <JoinCodeForm
              key={code ?? ''}
              initialCode={code ?? ''}
              error={codeError}
              busy={busy}
              onSubmit={(c) => (c === code ? navigate(0) : navigate(`/join/${c}`))}
            />
          )}
        </div>
        {last && !lookup && (
          <div className="mt-6 rounded-2xl bg-white/70 p-4 text-center ring-1 ring-slate-200">
            <p className="text-sm text-slate-600">
              {t('join.joinedAs')} <strong className="text-ink break-anywhere">{last.nickname}</strong>
            </p>
            <Button variant="ghost" className="mt-1" onClick={() => navigate(`/p/${last.sessionId}`)}>
              {t('join.goBack')}
            </Button>
          </div>
        )}
        <p className="mt-auto pt-10 text-center text-sm text-slate-500">
          {t('join.organizerPrompt')}{' '}
          <Link to="/admin" className="font-semibold text-brand-700 underline-offset-2 hover:underline">
            {t('join.createSession')}
          </Link>
        </p>
      </main>
    </div>
  );
}
