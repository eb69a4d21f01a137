import { t } from '../../i18n';
import { useId, useState } from 'react';
import { activityApi } from '../../services/activityApi';
import { ApiError } from '../../services/api';
import { answerStore } from '../../services/storage';
import { useSubmit } from '../../hooks/useSubmit';
import { useNow } from '../../hooks/useNow';
import type { QuizActivity } from '../../types/activity';
import type { Me } from '../../types/session';
import { quizChoices, quizDeadline } from '../../utils/quiz';
import { Button } from '../ui/Button';
import { FieldError } from '../ui/Field';
import { AnswerIn } from './AnswerIn';
import { Countdown } from './Countdown';
import { ChoiceButton } from './ChoiceButton';
import { SendStatus } from './SendStatus';
import type { AnswerFormProps } from './types';

/** The countdown bar of a quiz question (the generic one of every timed activity). */
export function QuizCountdown({ activity, serverNow }: { activity: QuizActivity; serverNow: () => number }) {
  return <Countdown activity={activity} serverNow={serverNow} />;
}

/** After the reveal: right or wrong, the points, the rank. */
export function QuizVerdict({ activity, me, answered }: { activity: QuizActivity; me: Me | undefined; answered: boolean }) {
  const result = me?.quiz_results.find((r) => r.activity_id === activity.id);
  if (!result) {
    return (
      <div role="status" className="rounded-2xl bg-slate-100 px-4 py-4 text-center text-slate-700">
        <p className="text-lg font-bold">{answered ? t('quiz.scoring') : t('quiz.noAnswer')}</p>
        {me && <p className="mt-1 text-sm">{t('quiz.score', { count: me.score })}</p>}
      </div>
    );
  }
  return (
    <div
      role="status"
      className={`animate-pop rounded-2xl px-4 py-5 text-center text-white shadow-lg ${result.correct ? 'bg-emerald-700' : 'bg-coral-700'}`}
    >
      <p className="text-3xl font-extrabold">{result.correct ? t('quiz.correct') : t('quiz.wrong')}</p>
      <p className="mt-1 text-lg font-semibold">{t('quiz.plusPoints', { count: result.points })}</p>
      {me && (
        <p className="mt-2 text-sm text-white/90">
          {t('quiz.total', { count: me.score })}
          {me.rank ? ` · ${t('quiz.youAre', { rank: me.rank })}` : ''}
        </p>
      )}
    </div>
  );
}

/**
 * One tap answers a one-answer quiz; when the right answer is several options
 * (`choices` > 1), the participant toggles up to that many and submits them
 * together. Either way the answer is locked once sent; right/wrong and points
 * appear after the reveal.
 */
export function QuizForm({ activity, sessionId, token, participantId, me, onAnswered, serverNow = Date.now }: AnswerFormProps<QuizActivity>) {
  const need = quizChoices(activity);
  const multi = need > 1;
  const [saved] = useState(() => answerStore.get(participantId, activity.id)?.option_ids ?? []);
  const [sent, setSent] = useState<string[]>(saved);
  const [chosen, setChosen] = useState<string[]>(saved);
  const [lockedByServer, setLockedByServer] = useState(false);
  const answered = sent.length > 0 || lockedByServer || (me?.answered_activity_ids.includes(activity.id) ?? false);
  const deadline = quizDeadline(activity);
  const now = useNow(500, serverNow() - Date.now(), activity.status === 'open' && !answered);
  const timeUp = deadline !== null && now >= deadline;
  const instructionsId = useId();

  const { submit, status, errors, retryMessage } = useSubmit(
    (ids: string[]) => activityApi.respond(sessionId, activity.id, token, { option_ids: ids }),
    {
      knownField: (f) => f.startsWith('option_ids'),
      onSuccess: (_r, ids) => {
        setSent(ids);
        answerStore.set(participantId, activity.id, { option_ids: ids });
        onAnswered();
      },
      onError: (err) => {
        // 409: the server already has an answer from us (another tab, a lost response).
        if (err instanceof ApiError && err.status === 409 && (err.problem?.code === 'already_answered' || /already/i.test(err.message))) {
          setLockedByServer(true);
          onAnswered();
        }
      },
    },
  );
  const conflict = lockedByServer;

  const revealed = activity.results_visible;
  const accepting = activity.status === 'open' && !timeUp;
  const busy = status === 'sending' || status === 'retrying';
  const locked = answered || !accepting || busy;
  // Picks that were never sent (time ran out first) are not shown as an answer.
  const showChosen = answered || accepting;

  const select = (id: string) => {
    if (locked) return;
    if (!multi) {
      setChosen([id]);
      submit([id]);
      return;
    }
    setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : c.length >= need ? c : [...c, id]));
  };

  return (
    <div className="flex flex-col gap-4">
      {activity.status === 'open' && !revealed && <QuizCountdown activity={activity} serverNow={serverNow} />}
      {revealed && <QuizVerdict activity={activity} me={me} answered={answered} />}
      {!revealed && answered && <AnswerIn>{t('quiz.locked')}</AnswerIn>}
      {!revealed && !answered && !accepting && (
        <p role="status" className="rounded-2xl bg-slate-100 px-4 py-3 text-center text-lg font-bold text-slate-700">
          {activity.status === 'closed' ? t('quiz.closedWait') : t('quiz.timeUp')}
        </p>
      )}
      {multi && !revealed && !answered && accepting && (
        <div id={instructionsId} className="flex items-center justify-between gap-3 rounded-2xl bg-brand-50 px-4 py-3 ring-1 ring-brand-100">
          <p className="text-lg font-extrabold text-brand-900">{t('quiz.chooseN', { count: need })}</p>
          <p aria-live="polite" className="shrink-0 text-sm font-bold tabular-nums text-brand-800">
            {t('quiz.chosen', { n: chosen.length, count: need })}
          </p>
        </div>
      )}
      <div
        role={multi ? 'group' : 'radiogroup'}
        aria-label={activity.title}
        aria-describedby={multi && !answered && accepting ? instructionsId : undefined}
        className="flex flex-col gap-3"
      >
        {activity.options.map((o, i) => {
          const selected = showChosen && chosen.includes(o.id);
          return (
            <ChoiceButton
              key={o.id}
              index={i}
              label={o.label}
              imageId={o.image_id}
              kind={multi ? 'checkbox' : 'radio'}
              selected={selected}
              // A full hand of picks greys out the rest: untick one to change it.
              disabled={locked || (multi && !selected && chosen.length >= need)}
              verdict={revealed && o.correct ? 'correct' : null}
              onSelect={() => select(o.id)}
            />
          );
        })}
      </div>
      {multi && !revealed && !answered && accepting && (
        <div className="sticky bottom-3 flex flex-col gap-2">
          <Button size="lg" block className="shadow-lg" busy={status === 'sending'} disabled={chosen.length === 0 || busy} onClick={() => submit(chosen)}>
            {t('quiz.submit')}
          </Button>
          <p className="rounded-lg bg-slate-50/90 px-1 text-center text-sm text-slate-600">
            {chosen.length < need
              ? t('quiz.needN', { count: need })
              : t('quiz.tapToChange')}
          </p>
        </div>
      )}
      <FieldError message={Object.values(errors.fields)[0]} />
      {!conflict && <SendStatus status={status} retryMessage={retryMessage} general={errors.general} />}
    </div>
  );
}
