import { t } from '../../i18n';
import type { ReactNode } from 'react';
import type { Activity, Question, QuestionStatus } from '../../types/activity';
import { ACTIVITY_LABELS, isNumericQuiz } from '../../types/activity';
import type { AdminSession } from '../../types/session';
import { ActivityResults, responseCount } from '../viewer/ActivityResults';
import { Button } from '../ui/Button';
import { Markdown } from '../ui/Markdown';
import { ReactionTotals } from '../viewer/FloatingReactions';
import { StatusBadge } from './ActivityList';
import { EntryModeration } from './EntryModeration';
import { QnaModeration } from './QnaModeration';
import { TypeIcon } from './TypeIcon';
import { ActivityImage } from '../ui/ActivityImage';

interface PresenterPanelProps {
  session: AdminSession;
  activities: Activity[];
  current: Activity | null;
  busy: boolean;
  /** An ended session: results only, no controls. */
  readOnly?: boolean;
  /** Who has joined, shown while the screen is in the lobby. */
  lobbyPeople?: ReactNode;
  /** Puts an activity (or the lobby) on screen. */
  onPresent: (id: string | null) => void;
  /** Next → / ← Previous: leaves the current activity for `to`. */
  onStep: (to: Activity) => void;
  onStatus: (a: Activity, status: 'open' | 'closed') => void;
  onReveal: (a: Activity, visible: boolean) => void;
  onJoinInfo: (show: boolean) => void;
  onModerate: (q: Question, input: { status?: Exclude<QuestionStatus, 'pending'>; pinned?: boolean }) => void;
  /** Hides or shows an open-text answer or a word-cloud word. */
  onHideEntry?: (entryId: string, hidden: boolean) => void;
}

/** Whether an activity keeps its results off the screen until revealed (settings.results on_reveal). */
function onReveal_(a: Activity): boolean {
  return a.type !== 'qna' && a.type !== 'content' && a.settings.results === 'on_reveal';
}

/** A quiz, or a number question with a right value (scored like a quiz). */
export function isScored(a: Activity): boolean {
  return a.type === 'quiz' || isNumericQuiz(a);
}

/** Whether the organizer may open an activity (again): never a content slide, nor a scored one whose answer was revealed. */
export function canOpen(a: Activity): boolean {
  return a.type !== 'content' && a.status !== 'open' && !(isScored(a) && a.results_visible);
}

/** The results box of the presenter view: lists grow with their rows, charts get a height. */
function resultsBox(a: Activity): string {
  if (a.type === 'open_text') return 'max-h-96 overflow-y-auto';
  if (a.type === 'word_cloud' || a.type === 'rating' || a.type === 'numeric') return 'h-72';
  if (a.type === 'content') return 'max-h-[32rem] overflow-y-auto';
  return '';
}

/** Presenting: what is on screen, open/close, reveal, next/previous, join info, live results. */
export function PresenterPanel({
  session,
  activities,
  current,
  busy,
  readOnly = false,
  lobbyPeople,
  onPresent,
  onStep,
  onStatus,
  onReveal,
  onJoinInfo,
  onModerate,
  onHideEntry,
}: PresenterPanelProps) {
  const idx = current ? activities.findIndex((a) => a.id === current.id) : -1;
  const prev = idx > 0 ? activities[idx - 1] : null;
  const next = idx >= 0 ? (activities[idx + 1] ?? null) : (activities[0] ?? null);
  const count = current ? responseCount(current) : 0;

  return (
    <div className="flex flex-col gap-4">
      {!readOnly && (
        <div className="flex flex-wrap items-center gap-2">
          <Button variant="secondary" size="sm" disabled={busy || !prev} onClick={() => prev && onStep(prev)} title={t('presenterPanel.previousActivity')}>
            {t('presenterPanel.previous')}
          </Button>
          <Button variant="secondary" size="sm" disabled={busy || !next} onClick={() => next && onStep(next)} title={t('presenterPanel.nextActivity')}>
            {t('presenterPanel.next')}
          </Button>
          <Button variant="ghost" size="sm" disabled={busy || !current} onClick={() => onPresent(null)}>
            {t('presenterPanel.backToLobby')}
          </Button>
          <label className="ms-auto inline-flex cursor-pointer items-center gap-2 text-sm font-medium text-slate-700">
            <input
              type="checkbox"
              role="switch"
              className="h-5 w-5 accent-brand-600"
              checked={session.show_join_info}
              disabled={busy}
              onChange={(e) => onJoinInfo(e.target.checked)}
            />
            {t('presenterPanel.showJoinInfoOn')}
          </label>
        </div>
      )}

      {!current ? (
        <div className="rounded-xl bg-slate-50 p-6 text-center ring-1 ring-slate-200">
          <p className="font-semibold text-ink">{t('presenterPanel.lobby')}</p>
          <p className="mt-1 text-slate-600">{t('presenterPanel.theScreenShowsThe')}</p>
          {lobbyPeople && <div className="mt-4 text-start">{lobbyPeople}</div>}
          {next && !readOnly && (
            <Button className="mt-4" disabled={busy} onClick={() => onPresent(next.id)}>
              {t('presenterPanel.presentNext', { title: next.title.length > 40 ? `${next.title.slice(0, 39)}…` : next.title })}
            </Button>
          )}
        </div>
      ) : (
        <>
          <div className="flex items-start gap-3">
            <TypeIcon type={current.type} />
            <div className="min-w-0 flex-1">
              <p className="text-xs font-bold uppercase tracking-wide text-slate-500">
                {ACTIVITY_LABELS[current.type]}
                {current.type !== 'content' && ` · ${current.type === 'qna' ? t('display.questions', { count }) : t('display.responses', { count })}`}
              </p>
              <h3 className="text-xl font-extrabold leading-snug text-ink break-anywhere">
                <bdi>{current.title}</bdi>
              </h3>
              <ReactionTotals reactions={current.reactions} className="mt-1 text-sm text-slate-700" />
            </div>
            <StatusBadge status={current.status} />
          </div>
          {!readOnly && current.type !== 'content' && (
            <div className="flex flex-wrap gap-2">
              {current.status === 'open' ? (
                <Button variant="accent" disabled={busy} onClick={() => onStatus(current, 'closed')}>
                  {t('presenterPanel.closeAnswers')}
                </Button>
              ) : (
                canOpen(current) && (
                  <Button disabled={busy} onClick={() => onStatus(current, 'open')}>
                    {current.status === 'draft' ? t('presenterPanel.openAnswers') : t('presenterPanel.reopenAnswers')}
                  </Button>
                )
              )}
              {current.type !== 'qna' && (
                <Button variant="secondary" disabled={busy} onClick={() => onReveal(current, !current.results_visible)} aria-pressed={current.results_visible}>
                  {current.results_visible
                    ? isScored(current)
                      ? t('presenterPanel.hideTheAnswer')
                      : onReveal_(current)
                        ? t('presenterPanel.hideResults')
                        : t('presenterPanel.hideResultsFromPhones')
                    : isScored(current)
                      ? current.status === 'open'
                        ? t('presenterPanel.closeRevealAnswer')
                        : t('presenterPanel.revealAnswer')
                      : onReveal_(current)
                        ? t('presenterPanel.revealResults')
                        : t('presenterPanel.showResultsOnPhones')}
                </Button>
              )}
            </div>
          )}
          {!readOnly && onHideEntry && <EntryModeration activity={current} busy={busy} onHide={onHideEntry} />}
          {current.notes && (
            <section className="rounded-xl bg-amber-50 p-4 text-sm text-slate-800 ring-1 ring-amber-200" aria-label={t('presenterPanel.speakerNotes')}>
              <p className="mb-1 text-xs font-bold uppercase tracking-wide text-amber-800">{t('presenterPanel.speakerNotesOnlyYou')}</p>
              <Markdown text={current.notes} />
            </section>
          )}
          {current.image_id && current.type !== 'content' && (
            <ActivityImage imageId={current.image_id} alt={current.title} size="phone" className="max-h-48 bg-slate-50" />
          )}
          <div className="rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200" aria-label={current.type === 'content' ? t('presenterPanel.slide') : t('presenterPanel.liveResults')}>
            {current.type === 'qna' ? (
              <QnaModeration questions={current.questions ?? []} busy={busy} readOnly={readOnly} onModerate={onModerate} />
            ) : (
              <div className={resultsBox(current)}>
                <ActivityResults activity={current} tone="light" fontSize={15} showCorrect={current.type === 'quiz'} />
              </div>
            )}
          </div>
        </>
      )}
    </div>
  );
}
