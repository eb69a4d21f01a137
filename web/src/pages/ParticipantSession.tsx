import { useLanguageScope } from '../i18n/scope';
import { describeError } from '../utils/validation';
import { t } from '../i18n';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { SessionProvider, useSession } from '../context/SessionContext';
import { useParticipant } from '../hooks/useParticipant';
import type { ParticipantState } from '../types/state';
import { ActivityAnswer } from '../components/participant/ActivityAnswer';
import { ClosingScreen } from '../components/participant/ClosingScreen';
import { Lobby } from '../components/participant/Lobby';
import { NicknameForm } from '../components/participant/NicknameForm';
import { ParticipantHeader } from '../components/participant/ParticipantHeader';
import { ReactionBar } from '../components/participant/ReactionBar';
import { Notice, ReconnectingNotice } from '../components/ui/Notice';
import { FullPageSpinner } from '../components/ui/Spinner';

/**
 * When to fetch /participants/me again: the view's me_marker; from an older
 * server without one, what can change this phone's own document (a reveal
 * scores the quiz, the end shows the final score, a kick changes the count).
 * Undefined until the first successful poll.
 */
export function meMarker(state: ParticipantState | undefined): string | undefined {
  if (!state) return undefined;
  if (typeof state.me_marker === 'string') return state.me_marker;
  const a = state.current_activity;
  return `derived:${state.session.status}|${a?.id ?? ''}|${a?.status ?? ''}|${a?.results_visible ?? ''}|${state.participant_count}`;
}

/** /p/{sessionId}: the participant's phone for the whole session. */
export function ParticipantSession() {
  const { sessionId = '' } = useParams();
  return (
    <SessionProvider key={sessionId} sessionId={sessionId} view="participant">
      <ParticipantScreen sessionId={sessionId} />
    </SessionProvider>
  );
}

function ParticipantScreen({ sessionId }: { sessionId: string }) {
  const { state, session, currentActivity, participantCount, loading, error, reconnecting, serverNow } = useSession<ParticipantState>();
  const { identity, me, dropped, reconnecting: meReconnecting, join, refreshMe } = useParticipant(sessionId, meMarker(state));
  useLanguageScope('phone');

  useEffect(() => {
    document.title = session ? `${session.name} · Caja` : 'Caja';
  }, [session]);

  let body;
  if (error) {
    body = (
      <div className="flex flex-col gap-4 py-10 text-center">
        <Notice tone="error">{error.status === 404 ? t('errors.session_not_found') : describeError(error)}</Notice>
        <Link to="/join" className="font-semibold text-brand-700 underline">
          {t('phone.joinAnother')}
        </Link>
      </div>
    );
  } else if (loading || !session) {
    body = <FullPageSpinner label={t('common.connecting')} />;
  } else if (!identity) {
    body =
      session.status === 'completed' ? (
        <ClosingScreen sessionName={session.name} me={undefined} />
      ) : (
        <div className="flex flex-col gap-4 py-4">
          {dropped && <Notice tone="warning">{t('phone.dropped')}</Notice>}
          <h1 className="text-2xl font-extrabold text-ink">{t('join.chooseNickname')}</h1>
          <NicknameForm sessionName={session.name} onJoin={(n) => join(n, session.join_code)} />
        </div>
      );
  } else if (session.status === 'completed') {
    body = <ClosingScreen sessionName={session.name} me={me} />;
  } else if (!currentActivity) {
    body = <Lobby sessionName={session.name} participantCount={participantCount} />;
  } else {
    body = (
      <>
        <ActivityAnswer
          key={currentActivity.id}
          activity={currentActivity}
          sessionId={sessionId}
          token={identity.token}
          participantId={identity.id}
          me={me}
          onAnswered={refreshMe}
          serverNow={serverNow}
        />
        <ReactionBar sessionId={sessionId} token={identity.token} emojis={session.reactions ?? []} />
      </>
    );
  }

  return (
    <div className="flex min-h-dvh flex-col bg-slate-50">
      <ParticipantHeader sessionName={session?.name} nickname={identity?.nickname} me={me} />
      <main className="mx-auto w-full max-w-xl flex-1 px-4 pt-5 pb-16">{body}</main>
      <ReconnectingNotice show={reconnecting || meReconnecting} />
    </div>
  );
}
