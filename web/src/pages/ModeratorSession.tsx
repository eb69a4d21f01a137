import { t } from '../i18n';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { usePolling } from '../hooks/usePolling';
import { activityApi } from '../services/activityApi';
import { API_BASE } from '../services/api';
import { enc } from '../services/sessionApi';
import { moderatorStore } from '../services/storage';
import { useAccount } from '../hooks/useAccount';
import type { Activity, Question, QuestionStatus, Results } from '../types/activity';
import { ACTIVITY_LABELS } from '../types/activity';
import type { ParticipantState } from '../types/state';
import { describeError } from '../utils/validation';
import { AdminShell } from '../components/admin/AdminShell';
import { EntryModeration } from '../components/admin/EntryModeration';
import { QnaModeration } from '../components/admin/QnaModeration';
import { Button } from '../components/ui/Button';
import { Card } from '../components/ui/Card';
import { TextField } from '../components/ui/Field';
import { Notice } from '../components/ui/Notice';
import { FullPageSpinner } from '../components/ui/Spinner';

/** Reads `#moderator=…` (a moderator link), stores it and strips it from the address bar. */
export function takeModeratorTokenFromHash(sessionId: string): void {
  const hash = window.location.hash;
  if (!hash.startsWith('#')) return;
  const token = new URLSearchParams(hash.slice(1)).get('moderator');
  if (!token) return;
  moderatorStore.set(sessionId, token);
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
}

export function moderatorLink(sessionId: string, token: string): string {
  return `${window.location.origin}/admin/sessions/${sessionId}/moderate#moderator=${encodeURIComponent(token)}`;
}

/**
 * /admin/sessions/{id}/moderate: the moderation-only dashboard a moderator
 * link opens. It follows the activity on screen (the participant view) and
 * offers what the moderator token may do: approve, hide, pin and mark
 * answered Q&A questions, hide and show open-text answers and word-cloud
 * words.
 */
export function ModeratorSession() {
  const { sessionId = '' } = useParams();
  const [token, setToken] = useState<string | null>(() => {
    takeModeratorTokenFromHash(sessionId);
    return moderatorStore.get(sessionId);
  });
  const { account, loading } = useAccount();
  if (!token) {
    if (loading) return <FullPageSpinner />;
    // Signed in: the account's role in the session decides, by the cookie alone.
    if (account) return <Moderation key={sessionId} sessionId={sessionId} token="" onRefused={() => setToken(null)} />;
    return <ModeratorPrompt sessionId={sessionId} onToken={setToken} />;
  }
  return <Moderation key={sessionId} sessionId={sessionId} token={token} onRefused={() => setToken(null)} />;
}

function ModeratorPrompt({ sessionId, onToken, refused = false }: { sessionId: string; onToken: (t: string) => void; refused?: boolean }) {
  const [value, setValue] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    let t = value.trim();
    const m = /#moderator=([^&\s]+)/.exec(t);
    if (m?.[1]) t = decodeURIComponent(m[1]);
    if (!t) return;
    moderatorStore.set(sessionId, t);
    onToken(t);
  };
  return (
    <AdminShell>
      <Card title={t('moderatorSession.moderatorAccess')} className="mx-auto max-w-lg">
        {refused && <Notice tone="error" className="mb-4">{t('moderatorSession.thisModeratorLinkDoes')}</Notice>}
        <p className="mb-4 text-slate-600">{t('moderatorSession.toModerateThisSession')}</p>
        <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
          <TextField label={t('moderatorSession.moderatorLinkOrToken')} value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" />
          <Button type="submit">{t('moderatorSession.openModeration')}</Button>
        </form>
      </Card>
    </AdminShell>
  );
}

function Moderation({ sessionId, token, onRefused }: { sessionId: string; token: string; onRefused: () => void }) {
  const [refused, setRefused] = useState(false);
  const [busy, setBusy] = useState(false);
  const [flash, setFlash] = useState<string | null>(null);
  const state = usePolling<ParticipantState>(`${API_BASE}/sessions/${enc(sessionId)}/state`, { queryKey: ['moderate', 'state', sessionId] });
  const current = state.data?.current_activity ?? null;
  const kind = current?.type === 'qna' ? 'questions' : current?.type === 'open_text' || current?.type === 'word_cloud' ? 'results' : null;
  const base = current ? `${API_BASE}/sessions/${enc(sessionId)}/activities/${enc(current.id)}` : null;
  const onAuthError = () => setRefused(true);
  const results = usePolling<Results>(kind === 'results' && base ? `${base}/results` : null, { token, interval: 3000, authGraceMs: 3000, onAuthError });
  const questions = usePolling<{ questions: Question[] }>(kind === 'questions' && base ? `${base}/questions?limit=100` : null, {
    token,
    interval: 3000,
    authGraceMs: 3000,
    onAuthError,
  });

  if (refused) {
    return (
      <ModeratorPrompt
        sessionId={sessionId}
        refused
        onToken={() => {
          window.location.reload();
        }}
      />
    );
  }
  if (state.error) {
    return (
      <AdminShell>
        <Notice tone="error">{state.error.status === 404 ? t('moderatorSession.thereIsNoSuch') : state.error.message}</Notice>
        <Button
          variant="ghost"
          className="mt-4"
          onClick={() => {
            moderatorStore.set(sessionId, null);
            onRefused();
          }}
        >
          {t('moderatorSession.forgetItOnThis')}
        </Button>
      </AdminShell>
    );
  }
  if (!state.data) {
    return (
      <AdminShell>
        <FullPageSpinner label={t('moderatorSession.loadingTheSession')} />
      </AdminShell>
    );
  }
  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
      setFlash(null);
      results.refetch();
      questions.refetch();
    } catch (err) {
      setFlash(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  const moderate = (q: Question, input: { status?: Exclude<QuestionStatus, 'pending'>; pinned?: boolean }) =>
    current && void act(() => activityApi.moderate(sessionId, current.id, q.id, token, input));
  const hide = (entryId: string, hidden: boolean) => current && void act(() => activityApi.hideEntry(sessionId, current.id, entryId, token, hidden));
  const session = state.data.session;
  return (
    <AdminShell
      title={
        <div className="flex min-w-0 flex-wrap items-center gap-x-3">
          <h1 className="min-w-0 truncate text-lg font-extrabold text-ink" data-testid="session-name">
            <bdi>{session.name}</bdi>
          </h1>
          <span className="text-sm font-semibold text-slate-600">{t('moderatorSession.moderation')}</span>
        </div>
      }
    >
      <div aria-live="polite" className="mb-4 empty:hidden">
        {flash && <Notice tone="error">{flash}</Notice>}
      </div>
      <Card title={current ? `${ACTIVITY_LABELS[current.type]}: ${current.title}` : t('moderatorSession.lobby')}>
        {!current ? (
          <p className="text-slate-600">{t('moderatorSession.nothingIsOnScreen')}</p>
        ) : kind === null ? (
          <p className="text-slate-600">{t('moderatorSession.thisActivityHasNo')}</p>
        ) : kind === 'questions' ? (
          <QnaModeration questions={questions.data?.questions ?? []} busy={busy} onModerate={moderate} />
        ) : (
          <ModeratedEntries activity={current} results={results.data ?? null} busy={busy} onHide={hide} />
        )}
      </Card>
    </AdminShell>
  );
}

function ModeratedEntries({ activity, results, busy, onHide }: { activity: Activity; results: Results | null; busy: boolean; onHide: (id: string, hidden: boolean) => void }) {
  const withResults = { ...activity, results } as Activity;
  const empty = !results || ('answers' in results ? results.answers.length === 0 : 'words' in results ? results.words.length === 0 : true);
  if (empty) return <p className="text-slate-500">{t('moderatorSession.noEntriesYet')}</p>;
  return <EntryModeration activity={withResults} busy={busy} onHide={onHide} open />;
}
