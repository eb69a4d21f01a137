import { t } from '../i18n';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { SessionProvider, useSession } from '../context/SessionContext';
import { useFullscreen } from '../hooks/useFullscreen';
import { useTimerEndSound } from '../hooks/useTimerEndSound';
import { useNow } from '../hooks/useNow';
import { useViewport } from '../hooks/useElementSize';
import { ACTIVITY_LABELS, isNumericQuiz, type Activity } from '../types/activity';
import type { DisplayState } from '../types/state';
import { useLanguageScope } from '../i18n/scope';
import { ActivityResults, responseCount } from '../components/viewer/ActivityResults';
import { JoinHero, JoinSide, joinBase } from '../components/viewer/JoinInfo';
import { FloatingReactions } from '../components/viewer/FloatingReactions';
import { Leaderboard } from '../components/viewer/Leaderboard';
import { QuizLive } from '../components/viewer/QuizLive';
import { RecentParticipants } from '../components/viewer/RecentParticipants';
import { Logo } from '../components/ui/Logo';
import { ActivityImage } from '../components/ui/ActivityImage';
import { ReconnectingNotice } from '../components/ui/Notice';
import { Spinner } from '../components/ui/Spinner';
import { spacedCode } from '../utils/format';
import { describeError } from '../utils/validation';
import { adminStore } from '../services/storage';
import { displayHandlers } from '../components/viewer/displayControls';
import { PresenterKeys, type PresenterHandlers } from '../components/ui/PresenterKeys';

/** /display/{sessionId}?key=…: the projector. */
export function ViewerDisplay() {
  const { sessionId = '' } = useParams();
  const [params] = useSearchParams();
  const key = params.get('key');
  return (
    <SessionProvider sessionId={sessionId} view="display" displayKey={key}>
      <DisplayScreen hasKey={!!key} />
    </SessionProvider>
  );
}

const BASE_FONT = 'clamp(18px, 1.75vw, 40px)';

function DisplayScreen({ hasKey }: { hasKey: boolean }) {
  const { state, session, currentActivity, participantCount, loading, error, reconnecting, serverOffsetMs } = useSession<DisplayState>();
  const fullscreen = useFullscreen();
  // Chart and list text scales with the screen: 30 px on a 1080p projector.
  const { width, height } = useViewport();
  const unit = Math.round(Math.max(15, Math.min(44, Math.min(height / 36, width / 64))));

  useEffect(() => {
    document.title = session ? `${session.name} · ${t('display.docTitle')}` : t('display.docTitle');
  }, [session]);
  // settings.sound: a short sound when the countdown ends, once per deadline.
  useTimerEndSound(currentActivity, serverOffsetMs);
  // The session's display language (settings.language), else this browser's.
  useLanguageScope('display', session?.settings?.language);

  // The pointer hides after a few idle seconds.
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    let timer = setTimeout(() => setIdle(true), 3000);
    const wake = () => {
      setIdle(false);
      clearTimeout(timer);
      timer = setTimeout(() => setIdle(true), 3000);
    };
    window.addEventListener('mousemove', wake);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('mousemove', wake);
    };
  }, []);

  // Keys: F and ? always; Q shows the join code here; with the organizer's
  // admin token in this browser, → ← Space R H Q drive the session.
  const [localQr, setLocalQr] = useState(false);
  const [keyError, setKeyError] = useState<string | null>(null);
  const busy = useRef(false);
  const adminToken = session ? (adminStore.get(session.id)?.token ?? null) : null;
  const run = (fn: () => Promise<unknown>) => {
    if (busy.current) return;
    busy.current = true;
    fn()
      .then(() => setKeyError(null))
      .catch((err: unknown) => setKeyError(describeError(err)))
      .finally(() => {
        busy.current = false;
      });
  };
  const keyHandlers: PresenterHandlers =
    session && adminToken && session.status !== 'completed'
      ? displayHandlers(session, currentActivity, adminToken, run)
      : { qr: () => setLocalQr((v) => !v) };
  useEffect(() => {
    if (!keyError) return;
    const timer = setTimeout(() => setKeyError(null), 5000);
    return () => clearTimeout(timer);
  }, [keyError]);

  let content;
  if (!hasKey || error) {
    content = (
      <Centered>
        <p className="text-[3vw] font-extrabold">{t('display.badLink')}</p>
        <p className="mt-4 max-w-[60vw] text-[1.6vw] text-white/70">
          {!hasKey || error?.isAuth
            ? t('display.badLinkHint')
            : error?.status === 404
              ? t('errors.session_not_found')
              : describeError(error)}
        </p>
      </Centered>
    );
  } else if (loading || !state || !session) {
    content = (
      <Centered>
        <Spinner className="h-16 w-16" label={t('common.connecting')} />
      </Centered>
    );
  } else if (session.status === 'completed') {
    content = (
      <div className="grid h-full grid-cols-[1fr_auto] items-center gap-[4vw]">
        <div>
          <p className="text-[6vw] font-extrabold leading-none">{t('display.thanks')}</p>
          <p className="mt-[2vh] text-[2vw] text-white/75">{t('closing.ended', { name: session.name })}</p>
        </div>
        {state.leaderboard.length > 0 && (
          <div className="w-[36vw]">
            <Leaderboard entries={state.leaderboard} fontSize={unit} title={t('display.finalLeaderboard')} />
          </div>
        )}
      </div>
    );
  } else if (!currentActivity) {
    const people = <RecentParticipants participants={state.recent_participants} total={participantCount} fontSize={Math.round(unit * 0.8)} />;
    content =
      state.leaderboard.length > 0 ? (
        <div className="grid h-full grid-cols-[minmax(0,1.5fr)_minmax(0,1fr)] items-center gap-[4vw]">
          <JoinHero session={session} compact people={people} />
          <Leaderboard entries={state.leaderboard} fontSize={unit} />
        </div>
      ) : (
        <JoinHero session={session} people={people} />
      );
  } else {
    content = <ActivityStage activity={currentActivity} state={state} serverOffsetMs={serverOffsetMs} unit={unit} showJoin={session.show_join_info || localQr} />;
  }

  const inLobby = !!state && !currentActivity && session?.status !== 'completed';

  return (
    <div className={`display-root flex h-dvh w-full flex-col overflow-hidden ${idle ? 'cursor-none' : ''}`} style={{ fontSize: BASE_FONT }}>
      <FloatingReactions activityId={currentActivity?.id ?? null} reactions={currentActivity?.reactions} />
      <header className="flex items-center gap-[1.5vw] px-[3vw] pt-[2.5vh] pb-[1.5vh]">
        <Logo size={44} tone="light" />
        {session && (
          <h1 className="min-w-0 flex-1 truncate font-bold text-white/85" style={{ fontSize: 'clamp(18px, 1.6vw, 36px)' }} title={session.name}>
            <bdi>{session.name}</bdi>
          </h1>
        )}
        {!session && <span className="flex-1" />}
        {session && !inLobby && session.status !== 'completed' && (
          <p className="rounded-full bg-white/10 px-4 py-1.5 font-semibold text-white ring-1 ring-white/15" style={{ fontSize: 'clamp(16px, 1.3vw, 30px)' }}>
            <bdi dir="ltr">{joinBase(session.join_url, session.join_code)}</bdi> ·{' '}
            <strong className="tracking-wider" dir="ltr">
              {spacedCode(session.join_code)}
            </strong>
          </p>
        )}
        {state && (
          <p
            className="flex items-center gap-2 rounded-full bg-white/10 px-4 py-1.5 font-semibold text-white ring-1 ring-white/15"
            style={{ fontSize: 'clamp(16px, 1.3vw, 30px)' }}
            data-testid="participant-count"
          >
            <svg viewBox="0 0 20 20" className="h-[1.1em] w-[1.1em]" fill="currentColor" aria-hidden="true">
              <path d="M10 10a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm-7 8a7 7 0 0 1 14 0H3Z" />
            </svg>
            {t('display.people', { count: participantCount })}
          </p>
        )}
        {fullscreen.supported && (
          <button
            type="button"
            onClick={fullscreen.toggle}
            className="rounded-full bg-white/10 p-2.5 text-white ring-1 ring-white/15 transition hover:bg-white/20"
            aria-label={fullscreen.active ? t('display.exitFullscreen') : t('display.fullscreen')}
            title={fullscreen.active ? t('display.exitFullscreenKey') : t('display.fullscreenKey')}
          >
            <svg viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" aria-hidden="true">
              {fullscreen.active ? (
                <path d="M9 4v5H4M15 4v5h5M9 20v-5H4M15 20v-5h5" />
              ) : (
                <path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" />
              )}
            </svg>
          </button>
        )}
      </header>
      <main className="min-h-0 flex-1 px-[3vw] pt-[1vh] pb-[4vh]">{content}</main>
      {keyError && (
        <p role="alert" className="fixed bottom-4 left-1/2 z-30 -translate-x-1/2 rounded-xl bg-red-700 px-4 py-2 text-base font-semibold text-white shadow-xl">
          {keyError}
        </p>
      )}
      <PresenterKeys
        handlers={keyHandlers}
        {...(adminToken ? {} : { note: t('display.keysNote') })}
      />
      <ReconnectingNotice show={reconnecting} dark large />
    </div>
  );
}

/** The countdown of a timed activity other than a quiz (a quiz shows its own), from the server's deadline. */
function TimeLeft({ closesAt, serverOffsetMs }: { closesAt: string; serverOffsetMs: number }) {
  const now = useNow(250, serverOffsetMs);
  const deadline = Date.parse(closesAt);
  if (Number.isNaN(deadline)) return null;
  const left = Math.max(0, Math.ceil((deadline - now) / 1000));
  const text = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
  return (
    <span className={`rounded-full px-3 py-0.5 tabular-nums ${left <= 5 ? 'bg-coral-500 text-white' : 'bg-white/10 text-white'}`} data-testid="time-left" aria-label={t('display.timeLeft', { time: text })}>
      ⏱ {text}
    </span>
  );
}

function Centered({ children }: { children: ReactNode }) {
  return <div className="flex h-full flex-col items-center justify-center text-center">{children}</div>;
}

function ActivityStage({ activity, state, serverOffsetMs, unit, showJoin }: { activity: Activity; state: DisplayState; serverOffsetMs: number; unit: number; showJoin: boolean }) {
  const session = state.session;
  const count = responseCount(activity);
  const isQuiz = activity.type === 'quiz';
  const quizLive = isQuiz && activity.status === 'open' && !activity.results_visible;
  // A quiz and a number quiz put the leaderboard beside their revealed results.
  const scored = isQuiz || isNumericQuiz(activity);
  const quizDone = scored && (activity.status === 'closed' || activity.results_visible);
  const showBoard = quizDone && activity.results_visible && state.leaderboard.length > 0;
  const countLabel =
    activity.type === 'qna'
      ? t('display.questions', { count })
      : activity.type === 'rating'
        ? t('display.ratings', { count })
        : t('display.responses', { count });

  return (
    <div className="flex h-full gap-[2.5vw]">
      <section className="flex min-w-0 flex-1 flex-col" aria-labelledby="display-activity-title">
        <div className="mb-[3vh]">
          <p className="flex flex-wrap items-center gap-x-4 gap-y-1 font-bold" style={{ fontSize: 'clamp(15px, 1.3vw, 30px)' }}>
            <span className="uppercase tracking-[0.18em] text-coral-400">{ACTIVITY_LABELS[activity.type]}</span>
            {activity.status === 'closed' && <span className="rounded-full bg-white/15 px-3 py-0.5 uppercase tracking-wider text-white">{t('display.closed')}</span>}
            {activity.type !== 'quiz' && activity.status === 'open' && activity.closes_at && <TimeLeft closesAt={activity.closes_at} serverOffsetMs={serverOffsetMs} />}
            {!quizLive && activity.status !== 'draft' && activity.type !== 'content' && (
              <span className="rounded-full bg-white/10 px-3 py-0.5 text-white/85 tabular-nums" data-testid="response-count">
                {countLabel}
              </span>
            )}
          </p>
          <h2
            id="display-activity-title"
            dir="auto"
            className="mt-2 font-extrabold leading-[1.08] text-white break-anywhere"
            style={{ fontSize: 'clamp(32px, 3.6vw, 88px)' }}
          >
            {activity.title}
          </h2>
        </div>
        <div className="flex min-h-0 flex-1 gap-[2.5vw]">
          <div className="min-h-0 min-w-0 flex-1" data-testid="display-results">
            {activity.type === 'content' ? (
              <ActivityResults activity={activity} tone="dark" fontSize={unit} />
            ) : activity.status === 'draft' ? (
              <p className="text-[2vw] text-white/70">{t('phone.getReady')}</p>
            ) : quizLive && activity.type === 'quiz' ? (
              <QuizLive activity={activity} serverOffsetMs={serverOffsetMs} />
            ) : (
              <ActivityResults activity={activity} tone="dark" fontSize={unit} pinned={state.pinned_question} showCorrect={activity.results_visible} />
            )}
          </div>
          {activity.image_id && activity.type !== 'content' && (
            <div className="flex min-h-0 w-[34%] shrink-0 items-center justify-center">
              <ActivityImage imageId={activity.image_id} alt={activity.title} size="display" />
            </div>
          )}
        </div>
      </section>
      {(showBoard || showJoin) && (
        <div className="flex w-[30vw] shrink-0 flex-col gap-[3vh]">
          {showJoin && <JoinSide session={session} />}
          {showBoard && <Leaderboard entries={state.leaderboard} fontSize={Math.round(unit * 0.92)} max={showJoin ? 5 : 8} />}
        </div>
      )}
    </div>
  );
}
