import { t } from '../../i18n';
import type { Question, QuestionStatus } from '../../types/activity';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';

interface QnaModerationProps {
  questions: Question[];
  busy: boolean;
  /** An ended session: the queue only shows. */
  readOnly?: boolean;
  onModerate: (q: Question, input: { status?: Exclude<QuestionStatus, 'pending'>; pinned?: boolean }) => void;
}

const ORDER: Record<QuestionStatus, number> = { pending: 0, approved: 1, answered: 2, hidden: 3 };

function statusBadge(s: QuestionStatus) {
  switch (s) {
    case 'pending':
      return <Badge tone="amber">{t('qnaModeration.waiting')}</Badge>;
    case 'approved':
      // The same word as the button that puts it there.
      return <Badge tone="green">{t('qnaModeration.approved')}</Badge>;
    case 'answered':
      return <Badge tone="brand">{t('qnaModeration.answered')}</Badge>;
    case 'hidden':
      return <Badge tone="neutral">{t('qnaModeration.hidden')}</Badge>;
  }
}

/**
 * The moderation queue: approve (shown to the audience), hide, mark answered,
 * pin to the screen. An answered question is already shown: it is not offered
 * "Approve" again.
 */
export function QnaModeration({ questions, busy, readOnly = false, onModerate }: QnaModerationProps) {
  const sorted = [...questions].sort((a, b) => Number(b.pinned) - Number(a.pinned) || ORDER[a.status] - ORDER[b.status] || b.upvotes - a.upvotes);
  const waiting = questions.filter((q) => q.status === 'pending').length;
  if (questions.length === 0) return <p className="text-slate-500">{t('qnaModeration.noQuestionsYet')}</p>;
  return (
    <div className="flex flex-col gap-3">
      {waiting > 0 && <p className="text-sm font-semibold text-amber-800">{waiting} {t('qnaModeration.waitingForApproval')}</p>}
      <ul className="flex flex-col gap-2" aria-label={t('qnaModeration.questionsToModerate')}>
        {sorted.map((q) => (
          <li key={q.id} className={`rounded-xl p-3 ring-1 ${q.pinned ? 'bg-coral-500/5 ring-coral-400' : 'bg-white ring-slate-200'}`}>
            <div className="flex items-start gap-3">
              <span className="mt-0.5 w-10 shrink-0 rounded-lg bg-slate-100 py-1 text-center text-sm font-bold tabular-nums text-slate-700">
                <span aria-hidden="true">▲</span>
                {q.upvotes}
                <span className="sr-only"> {t('qna.votesWord', { count: q.upvotes })}</span>
              </span>
              <p className="min-w-0 flex-1 text-ink whitespace-pre-wrap break-anywhere" dir="auto">
                {q.text}
              </p>
              <div className="flex shrink-0 flex-col items-end gap-1">
                {statusBadge(q.status)}
                {q.pinned && <Badge tone="coral">{t('qnaModeration.pinned')}</Badge>}
              </div>
            </div>
            {!readOnly && (
              <div className="mt-2 flex flex-wrap gap-1.5 ps-13">
                {(q.status === 'pending' || q.status === 'hidden') && (
                  <Button size="sm" variant="secondary" disabled={busy} onClick={() => onModerate(q, { status: 'approved' })}>
                    {t('qnaModeration.approve')}
                  </Button>
                )}
                {q.status !== 'hidden' && (
                  <Button size="sm" variant="secondary" disabled={busy} onClick={() => onModerate(q, { status: 'hidden', ...(q.pinned ? { pinned: false } : {}) })}>
                    {t('qnaModeration.hide')}
                  </Button>
                )}
                {q.status !== 'answered' && (
                  <Button size="sm" variant="secondary" disabled={busy} onClick={() => onModerate(q, { status: 'answered' })}>
                    {t('qnaModeration.markAnswered')}
                  </Button>
                )}
                <Button
                  size="sm"
                  variant={q.pinned ? 'accent' : 'ghost'}
                  disabled={busy || q.status === 'hidden'}
                  aria-pressed={q.pinned}
                  onClick={() => onModerate(q, q.pinned ? { pinned: false } : { pinned: true, ...(q.status === 'pending' ? { status: 'approved' } : {}) })}
                >
                  {q.pinned ? t('qnaModeration.unpin') : t('qnaModeration.pinToScreen')}
                </Button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
