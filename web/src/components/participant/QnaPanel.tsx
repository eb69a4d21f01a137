import { t } from '../../i18n';
import { useEffect, useState, type FormEvent } from 'react';
import { activityApi } from '../../services/activityApi';
import { describeError } from '../../utils/validation';
import { useSubmit } from '../../hooks/useSubmit';
import type { QnaActivity, Question } from '../../types/activity';
import { charLength } from '../../utils/validation';
import { Button } from '../ui/Button';
import { FieldError, TextArea } from '../ui/Field';
import { AnswerIn } from './AnswerIn';
import { SendStatus } from './SendStatus';
import type { AnswerFormProps } from './types';

const MAX_QUESTION = 300;
/** How long the phone says "Your question is in". */
export const ASKED_NOTICE_MS = 4000;

function UpvoteButton({ count, on, busy, onToggle }: { count: number; on: boolean; busy: boolean; onToggle: () => void }) {
  return (
    <button
      type="button"
      aria-pressed={on}
      // The name starts with the action and contains the visible count (WCAG 2.5.3).
      aria-label={on ? t('qna.removeUpvote', { count }) : t('qna.upvote', { count })}
      disabled={busy}
      onClick={onToggle}
      className={`flex min-h-14 min-w-14 shrink-0 flex-col items-center justify-center rounded-xl px-2 font-bold ring-1 ring-inset transition active:scale-95 ${
        on ? 'bg-brand-600 text-white ring-brand-600' : 'bg-white text-brand-700 ring-slate-300 hover:bg-brand-50'
      }`}
    >
      <svg viewBox="0 0 20 20" className="h-5 w-5" fill="currentColor" aria-hidden="true">
        <path d="M10 3 3 11h4.5v6h5v-6H17z" />
      </svg>
      <span className="text-sm tabular-nums">{count}</span>
    </button>
  );
}

/** Ask a question, see the approved ones, upvote others'; yours are marked. */
export function QnaPanel({ activity, sessionId, token, me, onAnswered }: AnswerFormProps<QnaActivity>) {
  const [text, setText] = useState('');
  const [asked, setAsked] = useState<string[]>([]);
  const [justAsked, setJustAsked] = useState(false);
  const [votes, setVotes] = useState<Record<string, boolean>>({});
  const [voteBusy, setVoteBusy] = useState<string | null>(null);
  const [voteError, setVoteError] = useState<string | null>(null);
  const open = activity.status === 'open';
  const moderated = activity.settings.moderation;

  const mine = new Set([...(me?.question_ids ?? []), ...asked]);
  const upvoted = new Set(me?.upvoted_question_ids ?? []);
  const questions: Question[] = activity.questions ?? [];
  const visibleIds = new Set(questions.map((q) => q.id));
  const waiting = [...mine].filter((id) => !visibleIds.has(id)).length;

  const { submit, status, errors, retryMessage } = useSubmit(
    (q: string) => activityApi.ask(sessionId, activity.id, token, q),
    {
      knownField: (f) => f === 'text',
      onSuccess: (q) => {
        setAsked((a) => [...a, q.id]);
        setText('');
        setJustAsked(true);
        onAnswered();
      },
    },
  );

  // "Your question is in" is a confirmation, not a state: it goes after a few seconds.
  useEffect(() => {
    if (!justAsked) return;
    const timer = setTimeout(() => setJustAsked(false), ASKED_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [justAsked, asked.length]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    setJustAsked(false);
    submit(text);
  };

  const toggleVote = async (q: Question) => {
    const isOn = votes[q.id] ?? upvoted.has(q.id);
    setVoteBusy(q.id);
    setVoteError(null);
    try {
      const res = await activityApi.upvote(sessionId, activity.id, q.id, token, !isOn);
      setVotes((v) => ({ ...v, [q.id]: res.upvoted }));
      onAnswered();
    } catch (err) {
      setVoteError(describeError(err));
    } finally {
      setVoteBusy(null);
    }
  };

  const shownCount = (q: Question) => {
    const server = upvoted.has(q.id);
    const local = votes[q.id];
    if (local === undefined || local === server) return q.upvotes;
    return Math.max(0, q.upvotes + (local ? 1 : -1));
  };

  return (
    <div className="flex flex-col gap-5">
      {open ? (
        <form onSubmit={onSubmit} className="flex flex-col gap-3" noValidate>
          <TextArea
            label={t('qna.yours')}
            value={text}
            rows={3}
            maxLength={MAX_QUESTION}
            error={errors.fields['text']}
            onChange={(e) => setText(e.target.value)}
          />
          <div className="flex items-center justify-between gap-3">
            <span className="text-sm text-slate-500" aria-hidden="true">
              {charLength(text)}/{MAX_QUESTION}
            </span>
            <Button type="submit" size="lg" busy={status === 'sending'} disabled={!text.trim() || status === 'retrying'}>
              {t('qna.ask')}
            </Button>
          </div>
          <SendStatus status={status} retryMessage={retryMessage} general={errors.general} />
        </form>
      ) : (
        <p className="rounded-2xl bg-slate-100 px-4 py-3 text-center font-semibold text-slate-700">{t('qna.closed')}</p>
      )}
      {justAsked && status === 'done' && (
        <AnswerIn title={t('qna.in')}>{moderated ? t('qna.review') : t('qna.others')}</AnswerIn>
      )}
      {waiting > 0 && !(justAsked && moderated && waiting === 1) && (
        <p className="text-sm text-slate-600">
          {t('qna.waiting', { count: waiting })}
        </p>
      )}
      <section aria-labelledby="qna-list-title" className="flex flex-col gap-3">
        <h3 id="qna-list-title" className="text-sm font-bold uppercase tracking-wide text-slate-500">
          {t('qna.list', { count: questions.length })}
        </h3>
        {questions.length === 0 && <p className="text-slate-600">{t('qna.none')}</p>}
        <ul className="flex flex-col gap-2.5">
          {questions.map((q) => {
            const isMine = mine.has(q.id);
            const on = votes[q.id] ?? upvoted.has(q.id);
            return (
              <li
                key={q.id}
                className={`flex items-start gap-3 rounded-2xl bg-white p-3 shadow-sm ring-1 ${isMine ? 'ring-brand-300' : 'ring-slate-200'}`}
              >
                <div className="min-w-0 flex-1">
                  <p className="text-base text-ink whitespace-pre-wrap break-anywhere" dir="auto">
                    {q.text}
                  </p>
                  <div className="mt-1.5 flex flex-wrap gap-1.5 text-xs font-semibold">
                    {isMine && <span className="rounded-full bg-brand-100 px-2 py-0.5 text-brand-800">{t('qna.yours')}</span>}
                    {q.pinned && <span className="rounded-full bg-coral-700 px-2 py-0.5 text-white">{t('qna.onScreen')}</span>}
                    {q.status === 'answered' && <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-emerald-800">{t('qna.answered')}</span>}
                  </div>
                </div>
                {isMine ? (
                  <span className="flex min-h-14 min-w-14 shrink-0 flex-col items-center justify-center rounded-xl bg-slate-50 text-sm font-bold text-slate-600">
                    <svg viewBox="0 0 20 20" className="h-5 w-5" fill="currentColor" aria-hidden="true">
                      <path d="M10 3 3 11h4.5v6h5v-6H17z" />
                    </svg>
                    {q.upvotes}
                    <span className="sr-only"> {t('qna.votesWord', { count: q.upvotes })}</span>
                  </span>
                ) : (
                  <UpvoteButton count={shownCount(q)} on={on} busy={voteBusy === q.id || !open} onToggle={() => void toggleVote(q)} />
                )}
              </li>
            );
          })}
        </ul>
        <FieldError message={voteError ?? undefined} />
      </section>
    </div>
  );
}
