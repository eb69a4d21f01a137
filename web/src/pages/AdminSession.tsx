import { t } from '../i18n';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { SessionProvider, stateQueryKey, useSession } from '../context/SessionContext';
import { useQueryClient } from '@tanstack/react-query';
import type { PollEnvelope } from '../hooks/usePolling';
import { usePolling } from '../hooks/usePolling';
import { activityApi, type UpdateActivityInput } from '../services/activityApi';
import { API_BASE } from '../services/api';
import { participantApi } from '../services/participantApi';
import { enc, sessionApi, type ExportFormat, type UpdateSessionInput } from '../services/sessionApi';
import { adminStore } from '../services/storage';
import type { Activity, ActivityInput, Question, QuestionStatus } from '../types/activity';
import type { ParticipantSummary } from '../types/session';
import type { AdminState } from '../types/state';
import { spacedCode } from '../utils/format';
import { describeError } from '../utils/validation';
import { ActivityEditor } from '../components/admin/ActivityEditor';
import { imageApi } from '../services/imageApi';
import { ActivityList, reorder } from '../components/admin/ActivityList';
import { AdminShell } from '../components/admin/AdminShell';
import { ParticipantsPanel } from '../components/admin/ParticipantsPanel';
import { PresenterPanel, canOpen, isScored } from '../components/admin/PresenterPanel';
import { RecentParticipants } from '../components/viewer/RecentParticipants';
import { SessionDetailsForm } from '../components/admin/SessionDetailsForm';
import { Leaderboard } from '../components/viewer/Leaderboard';
import { Badge } from '../components/ui/Badge';
import { Button } from '../components/ui/Button';
import { Card } from '../components/ui/Card';
import { ConfirmDialog } from '../components/ui/Dialog';
import { TextField } from '../components/ui/Field';
import { Modal } from '../components/ui/Modal';
import { Notice, ReconnectingNotice } from '../components/ui/Notice';
import { FullPageSpinner } from '../components/ui/Spinner';
import { moderatorLink } from './ModeratorSession';
import { PresenterKeys, type PresenterHandlers } from '../components/ui/PresenterKeys';
import { useAccount } from '../hooks/useAccount';
import { TeamCard } from '../components/account/TeamCard';

/** Reads `#token=…` (an admin link), stores it, and strips it from the address bar. */
export function takeTokenFromHash(sessionId: string): void {
  const hash = window.location.hash;
  if (!hash.startsWith('#')) return;
  const params = new URLSearchParams(hash.slice(1));
  const token = params.get('token');
  if (!token) return;
  const known = adminStore.get(sessionId);
  adminStore.save({ id: sessionId, name: known?.name ?? '', token, createdAt: known?.createdAt ?? new Date().toISOString() });
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
}

export function adminLink(sessionId: string, token: string): string {
  return `${window.location.origin}/admin/sessions/${sessionId}#token=${encodeURIComponent(token)}`;
}

const KEY_MARK = '\u0000';

/** Text kept left to right inside a sentence of either direction (a join code: "425 824", not "824 425"). */
const ltrIsolate = (s: string) => `\u2066${s}\u2069`;

/** A translated sentence with a key cap where its {key} was. */
function WithKey({ text, keyLabel }: { text: string; keyLabel: string }) {
  const [before = '', after = ''] = text.split(KEY_MARK);
  return (
    <>
      {before}
      <kbd className="rounded bg-slate-100 px-1 font-mono ring-1 ring-slate-300">{keyLabel}</kbd>
      {after}
    </>
  );
}

/** /admin/sessions/{id}: the organizer's dashboard for one session. */
export function AdminSession() {
  const { sessionId = '' } = useParams();
  return <AdminSessionPage key={sessionId} sessionId={sessionId} />;
}

function AdminSessionPage({ sessionId }: { sessionId: string }) {
  const [token, setToken] = useState<string | null>(() => {
    takeTokenFromHash(sessionId);
    return adminStore.get(sessionId)?.token ?? null;
  });

  const { account, loading } = useAccount();
  if (!token) {
    if (loading) return <FullPageSpinner />;
    // Signed in without this session's admin token: the cookie alone opens it
    // (the account's role in the session decides); '' sends no Bearer.
    if (!account) return <TokenPrompt sessionId={sessionId} onToken={setToken} />;
  }
  const bearer = token ?? '';
  return (
    <SessionProvider key={bearer ? 'token' : 'cookie'} sessionId={sessionId} view="admin" adminToken={bearer}>
      <Dashboard sessionId={sessionId} token={bearer} onForget={() => setToken(null)} />
    </SessionProvider>
  );
}

function TokenPrompt({ sessionId, onToken, refused = false }: { sessionId: string; onToken: (t: string) => void; refused?: boolean }) {
  const [value, setValue] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    let t = value.trim();
    const m = /#token=([^&\s]+)/.exec(t);
    if (m?.[1]) t = decodeURIComponent(m[1]);
    if (!t) return;
    adminStore.save({ id: sessionId, name: adminStore.get(sessionId)?.name ?? '', token: t, createdAt: new Date().toISOString() });
    onToken(t);
  };
  return (
    <AdminShell>
      <Card title={t('adminSession.organizerAccess')} className="mx-auto max-w-lg">
        {refused && <Notice tone="error" className="mb-4">{t('adminSession.thisAdminLinkDoes')}</Notice>}
        <p className="mb-4 text-slate-600">
          {t('adminSession.toRunThisSession')}
        </p>
        <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
          <TextField label={t('adminSession.adminLinkOrToken')} value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" />
          <Button type="submit">{t('adminSession.openDashboard')}</Button>
        </form>
        <p className="mt-4 text-sm">
          <Link to="/admin" className="font-semibold text-brand-700 hover:underline">
            {t('adminSession.allSessions')}
          </Link>
        </p>
      </Card>
    </AdminShell>
  );
}

type Confirm =
  | { kind: 'end' }
  | { kind: 'delete'; activity: Activity }
  | { kind: 'kick'; participant: ParticipantSummary };

function Dashboard({ sessionId, token, onForget }: { sessionId: string; token: string; onForget: () => void }) {
  const { state, session, currentActivity, participantCount, loading, error, reconnecting, refresh } = useSession<AdminState>();
  const [busy, setBusy] = useState(false);
  const [flash, setFlash] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [editor, setEditor] = useState<{ activity?: Activity } | null>(null);
  const [detailsOpen, setDetailsOpen] = useState(false);
  const [shareOpen, setShareOpen] = useState(false);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [hideKickedEntries, setHideKickedEntries] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  // Commands answer with the new document before the read side has projected
  // it: show it at once (the next poll with a new ETag replaces it).
  const patchState = useCallback(
    (update: (s: AdminState) => AdminState) =>
      queryClient.setQueryData<PollEnvelope<AdminState>>(stateQueryKey(sessionId, 'admin'), (env) =>
        env ? { ...env, data: update(env.data) } : env,
      ),
    [queryClient, sessionId],
  );

  const participants = usePolling<{ participants: ParticipantSummary[] }>(`${API_BASE}/sessions/${enc(sessionId)}/participants`, {
    token,
    interval: 4000,
    queryKey: ['participants', sessionId],
  });

  useEffect(() => {
    if (session) {
      document.title = `${session.name} · ${t('adminHome.docTitle')}`;
      adminStore.rename(sessionId, session.name);
    }
  }, [session, sessionId]);

  useEffect(() => {
    if (!flash) return;
    const timer = setTimeout(() => setFlash(null), flash.tone === 'error' ? 8000 : 3000);
    return () => clearTimeout(timer);
  }, [flash]);

  const run = useCallback(
    async (fn: () => Promise<unknown>, done?: string) => {
      setBusy(true);
      try {
        await fn();
        if (done) setFlash({ tone: 'success', text: done });
        refresh();
        participants.refetch();
      } catch (err) {
        setFlash({ tone: 'error', text: describeError(err) });
      } finally {
        setBusy(false);
      }
    },
    // participants.refetch is stable enough for this purpose
    [refresh],
  );

  const activities = useMemo(() => state?.activities ?? [], [state]);

  if (error?.isAuth && !token) {
    // Signed in, but the account is no owner or co-host here: moderation may
    // still be open to it, or an admin link.
    return (
      <AdminShell>
        <Card title={t('adminSession.organizerAccess')} className="mx-auto max-w-lg">
          <Notice tone="error" className="mb-4">
            {t('account.noOrganizerRole')}
          </Notice>
          <p className="flex flex-wrap gap-4 text-sm">
            <Link to={`/admin/sessions/${sessionId}/moderate`} className="font-semibold text-brand-700 hover:underline">
              {t('account.openModeration')}
            </Link>
            <Link to="/admin" className="font-semibold text-brand-700 hover:underline">
              {t('account.backToDashboard')}
            </Link>
          </p>
        </Card>
      </AdminShell>
    );
  }
  if (error?.isAuth) {
    return (
      <TokenPrompt
        sessionId={sessionId}
        refused
        onToken={() => {
          window.location.reload();
        }}
      />
    );
  }
  if (error) {
    return (
      <AdminShell>
        <Notice tone="error">{error.status === 404 ? t('adminSession.thereIsNoSuch') : error.message}</Notice>
        <Button
          variant="ghost"
          className="mt-4"
          onClick={() => {
            adminStore.forget(sessionId);
            onForget();
          }}
        >
          {t('adminSession.forgetItOnThis')}
        </Button>
      </AdminShell>
    );
  }
  if (loading || !state || !session) {
    return (
      <AdminShell>
        <FullPageSpinner label={t('adminSession.loadingTheSession')} />
      </AdminShell>
    );
  }

  const setSession = (input: UpdateSessionInput, done?: string) =>
    run(async () => {
      applySession(await sessionApi.update(sessionId, token, input));
    }, done);
  const applyActivity = (updated: Activity) =>
    patchState((st) => ({
      ...st,
      activities: st.activities.map((x) => (x.id === updated.id ? ({ ...x, ...updated } as Activity) : x)),
      current_activity:
        st.current_activity?.id === updated.id
          ? ({ ...st.current_activity, ...updated, results: st.current_activity.results, questions: st.current_activity.questions } as Activity)
          : st.current_activity,
    }));
  const applySession = (updated: Awaited<ReturnType<typeof sessionApi.update>>) =>
    patchState((st) => ({
      ...st,
      session: { ...st.session, ...updated, display_key: st.session.display_key },
      current_activity:
        updated.current_activity_id === st.current_activity?.id
          ? st.current_activity
          : (st.activities.find((a) => a.id === updated.current_activity_id) ?? null),
    }));
  const openOnPresent = session.open_on_present !== false;
  /**
   * One click per slide: puts `target` on screen and, when the session says
   * so, opens a draft for answers in the same action; `leave` (Next and
   * Previous) first closes the activity on screen, except a Q&A, which stays
   * open until closed.
   */
  const present = (target: Activity | null, leave = false) =>
    run(async () => {
      const from = currentActivity;
      if (leave && from && from.id !== target?.id && from.status === 'open' && from.type !== 'qna') {
        applyActivity(await activityApi.update(sessionId, from.id, token, { status: 'closed' }));
      }
      if (target && openOnPresent && target.status === 'draft' && canOpen(target)) {
        applyActivity(await activityApi.update(sessionId, target.id, token, { status: 'open' }));
      }
      applySession(await sessionApi.update(sessionId, token, { current_activity_id: target?.id ?? null }));
    });
  const updateActivity = (a: Activity, input: UpdateActivityInput, done?: string) =>
    run(async () => {
      applyActivity(await activityApi.update(sessionId, a.id, token, input));
    }, done);
  const move = (a: Activity, by: -1 | 1) =>
    run(async () => {
      for (const change of reorder(activities, a.id, by)) {
        await activityApi.update(sessionId, change.id, token, { position: change.position });
      }
    });
  const moderate = (q: Question, input: { status?: Exclude<QuestionStatus, 'pending'>; pinned?: boolean }) =>
    currentActivity && run(() => activityApi.moderate(sessionId, currentActivity.id, q.id, token, input));
  const hideEntry = (entryId: string, hidden: boolean) =>
    currentActivity && run(() => activityApi.hideEntry(sessionId, currentActivity.id, entryId, token, hidden));
  const exportAs = (format: ExportFormat) => run(() => sessionApi.exportFile(sessionId, token, format, session.name), t('adminSession.exported', { format: format.toUpperCase() }));
  const duplicate = () =>
    run(async () => {
      const copy = await sessionApi.duplicate(sessionId, token);
      adminStore.save({ id: copy.id, name: copy.name, token: copy.admin_token, createdAt: copy.created_at, ...(copy.moderator_token ? { moderatorToken: copy.moderator_token } : {}) });
      navigate(`/admin/sessions/${copy.id}`);
    });
  const idx = currentActivity ? activities.findIndex((a) => a.id === currentActivity.id) : -1;
  const prevActivity = idx > 0 ? activities[idx - 1] : null;
  const nextActivity = idx >= 0 ? (activities[idx + 1] ?? null) : (activities[0] ?? null);
  const reveal = (a: Activity, visible: boolean) =>
    // Revealing a quiz's answer while it is open would give it away: close it in the same request.
    updateActivity(a, isScored(a) && visible && a.status === 'open' ? { status: 'closed', results_visible: true } : { results_visible: visible });
  // The presenter's keys (→ ← Space R H Q, with F and ? from PresenterKeys);
  // a key pressed while a command is under way is dropped.
  const guard = (fn: () => void) => () => {
    if (!busy) fn();
  };
  const keyHandlers: PresenterHandlers = session.status === 'completed' ? {} : {
    next: guard(() => nextActivity && void present(nextActivity, !!currentActivity)),
    previous: guard(() => prevActivity && void present(prevActivity, true)),
    toggleOpen: guard(() => {
      if (!currentActivity) return;
      if (currentActivity.status === 'open') void updateActivity(currentActivity, { status: 'closed' });
      else if (canOpen(currentActivity)) void updateActivity(currentActivity, { status: 'open' });
    }),
    reveal: guard(() => currentActivity && currentActivity.type !== 'qna' && currentActivity.type !== 'content' && !currentActivity.results_visible && void reveal(currentActivity, true)),
    hide: guard(() => currentActivity && currentActivity.results_visible && void reveal(currentActivity, false)),
    qr: guard(() => void setSession({ show_join_info: !session.show_join_info })),
  };
  const displayUrl = `/display/${session.id}?key=${encodeURIComponent(session.display_key)}`;
  const completed = session.status === 'completed';

  const statusBadge =
    session.status === 'active' ? <Badge tone="green">{t('adminSession.live')}</Badge> : session.status === 'draft' ? <Badge tone="amber">{t('adminSession.notStarted')}</Badge> : <Badge>{t('adminSession.ended')}</Badge>;

  return (
    <AdminShell
      title={
        <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1">
          <h1 className="min-w-0 max-w-full truncate text-lg font-extrabold text-ink" data-testid="session-name" title={session.name}>
            <bdi>{session.name}</bdi>
          </h1>
          {statusBadge}
          <span className="text-sm text-slate-600">
            {t('adminSession.code')} <strong className="font-mono text-base tracking-wider text-ink" dir="ltr">
              {spacedCode(session.join_code)}
            </strong>
          </span>
          <span className="text-sm text-slate-600" data-testid="admin-participant-count">
            {t('dashboard.participants', { count: participantCount })}
          </span>
        </div>
      }
      actions={
        <>
          <a
            href={displayUrl}
            target="_blank"
            rel="noopener"
            className="inline-flex min-h-9 items-center gap-1.5 rounded-lg bg-ink px-3 text-sm font-semibold text-white hover:bg-brand-900"
          >
            {t('adminSession.openDisplay')}
          </a>
          <Button size="sm" variant="secondary" onClick={() => setShareOpen(true)}>
            {t('adminSession.share')}
          </Button>
          <Button size="sm" variant="secondary" disabled={busy} onClick={() => void duplicate()} title={t('adminSession.duplicateHint')}>
            {t('adminSession.duplicate')}
          </Button>
          <ExportMenu busy={busy} onExport={(f) => void exportAs(f)} />
          {session.status === 'draft' && (
            <Button size="sm" disabled={busy} onClick={() => setSession({ status: 'active' }, t('adminSession.started'))}>
              {t('adminSession.startSession')}
            </Button>
          )}
          {session.status === 'active' && (
            <Button size="sm" variant="danger" disabled={busy} onClick={() => setConfirm({ kind: 'end' })}>
              {t('adminSession.endSession')}
            </Button>
          )}
        </>
      }
    >
      <div aria-live="polite" className="mb-4 empty:hidden">
        {flash && <Notice tone={flash.tone}>{flash.text}</Notice>}
      </div>
      {completed && (
        <Notice tone="info" className="mb-4">
          {t('adminSession.thisSessionHasEnded')}
        </Notice>
      )}
      {session.status === 'draft' && (
        <Notice tone="info" className="mb-4">
          {t('adminSession.addYourActivitiesThen')} <strong>{t('adminSession.startSession')}</strong>. {t('adminSession.canJoin', { code: ltrIsolate(spacedCode(session.join_code)) })}
        </Notice>
      )}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <div className="flex flex-col gap-6">
          <Card
            title={t('dashboard.activities', { count: activities.length })}
            actions={
              !completed && (
                <Button size="sm" disabled={busy} onClick={() => setEditor({})}>
                  {t('adminSession.addActivity')}
                </Button>
              )
            }
          >
            <ActivityList
              activities={activities}
              currentId={session.current_activity_id}
              busy={busy}
              readOnly={completed}
              onPresent={(a) => present(a)}
              onEdit={(a) => setEditor({ activity: a })}
              onMove={move}
              onDelete={(a) => setConfirm({ kind: 'delete', activity: a })}
            />
          </Card>
          <Card
            title={t('adminSession.session')}
            actions={
              !completed && (
                <Button size="sm" variant="ghost" onClick={() => setDetailsOpen(true)} aria-label={t('adminSession.editDetails')}>
                  {t('adminSession.edit')}
                </Button>
              )
            }
          >
            <p className="font-semibold text-ink break-anywhere">
              <bdi>{session.name}</bdi>
            </p>
            {session.description ? (
              <p className="mt-1 text-slate-600 whitespace-pre-wrap break-anywhere" dir="auto">
                {session.description}
              </p>
            ) : (
              <p className="mt-1 text-slate-500">{t('adminSession.noDescription')}</p>
            )}
            <p className="mt-3 text-sm text-slate-600">
              {t('adminSession.organizer')} <bdi className="font-medium text-slate-700">{session.admin_id}</bdi>
            </p>
            {!completed && (
              <label className="mt-4 flex cursor-pointer items-start gap-2 text-sm font-medium text-slate-700">
                <input
                  type="checkbox"
                  role="switch"
                  className="mt-0.5 h-5 w-5 shrink-0 accent-brand-600"
                  checked={openOnPresent}
                  disabled={busy}
                  onChange={(e) => void setSession({ open_on_present: e.target.checked })}
                />
                <span>
                  {t('adminSession.openActivitiesForAnswers')}
                  <span className="block font-normal text-slate-600">{t('adminSession.offPresentFirstThen')}</span>
                </span>
              </label>
            )}
          </Card>
        </div>

        <div className="flex flex-col gap-6">
          <Card
            title={t('adminSession.onScreen')}
            className="ring-2 ring-brand-200"
            actions={
              <span className="text-xs text-slate-500">
                <WithKey text={t('adminSession.shortcutsHint', { key: KEY_MARK })} keyLabel="?" />
              </span>
            }
          >
            <PresenterPanel
              session={session}
              activities={activities}
              current={currentActivity}
              busy={busy}
              readOnly={completed}
              lobbyPeople={<RecentParticipants participants={state.recent_participants} total={participantCount} tone="light" fontSize={14} />}
              onPresent={(id) => present(id === null ? null : (activities.find((a) => a.id === id) ?? null))}
              onStep={(to) => present(to, true)}
              onStatus={(a, status) => updateActivity(a, { status })}
              onReveal={reveal}
              onJoinInfo={(show) => setSession({ show_join_info: show })}
              onModerate={moderate}
              onHideEntry={hideEntry}
            />
          </Card>
          {state.leaderboard.length > 0 && (
            <Card title={t('adminSession.quizLeaderboard')}>
              <Leaderboard entries={state.leaderboard} tone="light" fontSize={15} title={t('adminSession.topPlayers')} />
            </Card>
          )}
          <TeamCard
            sessionId={sessionId}
            token={token}
            onRevoked={() => {
              adminStore.forget(sessionId);
              onForget();
            }}
            onDeleted={() => {
              adminStore.forget(sessionId);
              void queryClient.invalidateQueries({ queryKey: ['account', 'sessions'] });
              navigate('/admin');
            }}
          />
          <Card title={t('dashboard.participantsTitle', { count: participantCount })}>
            <ParticipantsPanel
              participants={participants.data?.participants}
              busy={busy}
              readOnly={completed}
              onKick={(p) => {
                setHideKickedEntries(false);
                setConfirm({ kind: 'kick', participant: p });
              }}
            />
          </Card>
        </div>
      </div>

      <Modal open={!!editor} title={editor?.activity ? t('adminSession.editActivity') : t('adminSession.newActivity')} onClose={() => setEditor(null)} wide>
        {editor && (
          <ActivityEditor
            {...(editor.activity ? { activity: editor.activity } : {})}
            onCreate={async (input: ActivityInput) => {
              await activityApi.create(sessionId, token, input);
              refresh();
            }}
            onUpdate={async (input) => {
              if (!editor.activity) return;
              await activityApi.update(sessionId, editor.activity.id, token, input);
              refresh();
            }}
            onUpload={(file) => imageApi.upload(sessionId, token, file)}
            onDone={() => setEditor(null)}
          />
        )}
      </Modal>

      <Modal open={detailsOpen} title={t('adminSession.sessionDetails')} onClose={() => setDetailsOpen(false)}>
        <SessionDetailsForm
          session={session}
          onSave={async (input) => {
            await sessionApi.update(sessionId, token, input);
            refresh();
          }}
          onDone={() => setDetailsOpen(false)}
        />
      </Modal>

      <Modal open={shareOpen} title={t('adminSession.share')} onClose={() => setShareOpen(false)} wide>
        <ShareLinks sessionId={sessionId} token={token} joinUrl={session.join_url} displayUrl={window.location.origin + displayUrl} />
      </Modal>

      <ConfirmDialog
        open={confirm?.kind === 'end'}
        title={t('adminSession.endThisSession')}
        confirmLabel={t('adminSession.endSession')}
        danger
        busy={busy}
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          setConfirm(null);
          void setSession({ status: 'completed' }, t('errors.session_ended'));
        }}
      >
        {t('adminSession.phonesShowAThank')}
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm?.kind === 'delete'}
        title={t('adminSession.deleteThisActivity')}
        confirmLabel={t('adminSession.delete')}
        danger
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          if (confirm?.kind === 'delete') void run(() => activityApi.remove(sessionId, confirm.activity.id, token));
          setConfirm(null);
        }}
      >
        {confirm?.kind === 'delete' && <span className="break-anywhere">{t('adminSession.willBeRemoved', { title: confirm.activity.title })}</span>}
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm?.kind === 'kick'}
        title={t('adminSession.removeThisParticipant')}
        confirmLabel={t('adminSession.remove')}
        danger
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          if (confirm?.kind === 'kick') void run(() => participantApi.kick(sessionId, confirm.participant.id, token, hideKickedEntries));
          setConfirm(null);
        }}
      >
        {confirm?.kind === 'kick' && (
          <span className="flex flex-col gap-3">
            <span className="break-anywhere">
              {t('adminSession.kickBody', { nickname: confirm.participant.nickname })}
            </span>
            <label className="flex items-start gap-2 text-sm text-ink">
              <input
                type="checkbox"
                className="mt-0.5 h-4 w-4"
                checked={hideKickedEntries}
                onChange={(e) => setHideKickedEntries(e.target.checked)}
              />
              <span>{t('adminSession.alsoHideEverythingThey')}</span>
            </label>
          </span>
        )}
      </ConfirmDialog>
      <PresenterKeys handlers={keyHandlers} />
      <ReconnectingNotice show={reconnecting} />
    </AdminShell>
  );
}

const EXPORTS: { format: ExportFormat; label: string }[] = [
  { format: 'csv', label: 'CSV' },
  { format: 'json', label: 'JSON' },
  { format: 'xlsx', label: 'Excel (.xlsx)' }, // product and file names: not translated
];

/** Export ▾: the answers as CSV, JSON or an Excel workbook, fetched with the admin token. */
function ExportMenu({ busy, onExport }: { busy: boolean; onExport: (f: ExportFormat) => void }) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onDown = (e: PointerEvent) => !box.current?.contains(e.target as Node) && setOpen(false);
    window.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onDown);
    };
  }, [open]);
  return (
    <div className="relative" ref={box}>
      <Button size="sm" variant="secondary" aria-expanded={open} aria-controls="export-menu" disabled={busy} onClick={() => setOpen((o) => !o)}>
        {t('adminSession.export2')}
      </Button>
      {open && (
        <ul id="export-menu" aria-label={t('adminSession.export')} className="absolute end-0 z-20 mt-1 flex w-48 flex-col gap-1 rounded-xl bg-white p-1.5 shadow-xl ring-1 ring-slate-200">
          {EXPORTS.map((e) => (
            <li key={e.format}>
              <Button
                size="sm"
                variant="ghost"
                block
                className="!justify-start"
                onClick={() => {
                  setOpen(false);
                  onExport(e.format);
                }}
              >
                {e.label}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function CopyField({ label, value, hint }: { label: string; value: string; hint?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="flex items-end gap-2">
      <TextField
        className="min-w-0 flex-1"
        label={label}
        hint={hint}
        value={value}
        readOnly
        onFocus={(e) => e.currentTarget.select()}
        inputClassName="font-mono text-sm"
      />
      <Button variant="secondary" className={hint ? 'mb-7' : ''} onClick={() => void copy()}>
        {copied ? t('adminSession.copied') : t('adminSession.copy')}
      </Button>
    </div>
  );
}

function ShareLinks({ sessionId, token, joinUrl, displayUrl }: { sessionId: string; token: string; joinUrl: string; displayUrl: string }) {
  return (
    <div className="flex flex-col gap-5">
      <CopyField label={t('adminSession.joinLinkForThe')} value={joinUrl} />
      <CopyField label={t('adminSession.displayLinkForThe')} value={displayUrl} hint={t('adminSession.anyoneWithItSees')} />
      {token && (
        <CopyField
          label={t('adminSession.adminLinkForCo')}
          value={adminLink(sessionId, token)}
          hint={t('adminSession.givesFullControlOf')}
        />
      )}
      <ModeratorLink sessionId={sessionId} token={token} />
    </div>
  );
}

/**
 * The moderator link: a co-host who may only approve, hide, pin and mark
 * answered questions, hide free-text entries and read results. The server
 * keeps only its hash, so this browser shows the one it made or received;
 * "New moderator link" replaces it (the old one stops working).
 */
function ModeratorLink({ sessionId, token }: { sessionId: string; token: string }) {
  const [modToken, setModToken] = useState<string | null>(() => adminStore.get(sessionId)?.moderatorToken ?? null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rotate = async () => {
    setBusy(true);
    setError(null);
    try {
      const { moderator_token } = await sessionApi.rotateModeratorToken(sessionId, token);
      const known = adminStore.get(sessionId);
      if (known) adminStore.save({ ...known, moderatorToken: moderator_token });
      setModToken(moderator_token);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="flex flex-col gap-2">
      {modToken ? (
        <CopyField
          label={t('adminSession.moderatorLinkModerationOnly')}
          value={moderatorLink(sessionId, modToken)}
          hint={t('adminSession.opensAModerationOnly')}
        />
      ) : (
        <p className="text-sm text-slate-600">{t('adminSession.moderatorLinkThisBrowser')}</p>
      )}
      {error && <Notice tone="error">{error}</Notice>}
      <div>
        <Button size="sm" variant="secondary" disabled={busy} onClick={() => void rotate()}>
          {modToken ? t('adminSession.newModeratorLink') : t('adminSession.makeAModeratorLink')}
        </Button>
      </div>
    </div>
  );
}
