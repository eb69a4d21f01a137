import { useId, useState, type FormEvent } from 'react';
import { activityApi } from '../../services/activityApi';
import { answerStore } from '../../services/storage';
import { useSubmit } from '../../hooks/useSubmit';
import { isNumericQuiz, type NumericActivity } from '../../types/activity';
import { parseNumber } from '../../utils/answers';
import { S } from '../../strings/activityTypes';
import { Button } from '../ui/Button';
import { FieldError } from '../ui/Field';
import { AnswerIn } from './AnswerIn';
import { SendStatus } from './SendStatus';
import type { AnswerFormProps } from './types';

/** A number within the settings' min..max, with its unit. */
export function NumericForm({ activity, sessionId, token, participantId, me, onAnswered }: AnswerFormProps<NumericActivity>) {
  const { min, max, unit = '' } = activity.settings;
  const [saved] = useState(() => answerStore.get(participantId, activity.id)?.value);
  const [text, setText] = useState(saved === undefined ? '' : String(saved));
  const [sent, setSent] = useState<number | null>(saved ?? null);
  const [local, setLocal] = useState<string | null>(null);
  const answered = sent !== null || (me?.answered_activity_ids.includes(activity.id) ?? false);
  const id = useId();
  const value = parseNumber(text);
  // The quiz variant takes one answer.
  const locked = isNumericQuiz(activity) && answered;

  const { submit, status, errors, retryMessage } = useSubmit(
    (v: number) => activityApi.respond(sessionId, activity.id, token, { value: v }),
    {
      knownField: (f) => f === 'value',
      onSuccess: (_r, v) => {
        setSent(v);
        answerStore.set(participantId, activity.id, { value: v });
        onAnswered();
      },
    },
  );

  const send = (e: FormEvent) => {
    e.preventDefault();
    if (value === null || value < min || value > max) {
      setLocal(S.numeric.outOfRange(min, max));
      return;
    }
    setLocal(null);
    submit(value);
  };
  const error = local ?? errors.fields['value'];

  return (
    <form onSubmit={send} noValidate className="flex flex-col gap-4">
      {locked ? (
        <AnswerIn>{S.numeric.locked}</AnswerIn>
      ) : (
        answered && value === sent && status !== 'sending' && status !== 'retrying' && <AnswerIn>{S.numeric.answered}</AnswerIn>
      )}
      <label htmlFor={id} className="text-sm font-semibold text-slate-700">
        {S.numeric.label(min, max, unit)}
      </label>
      <div className="flex items-center gap-3">
        <input
          id={id}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={text}
          disabled={locked}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => setText(e.target.value)}
          className="min-h-16 w-full min-w-0 flex-1 rounded-2xl border border-slate-300 bg-white px-4 text-center text-3xl font-extrabold tabular-nums text-ink focus:border-brand-500 focus:outline-none focus:ring-4 focus:ring-brand-100"
        />
        {unit && <span className="shrink-0 text-2xl font-bold text-slate-700">{unit}</span>}
      </div>
      <FieldError id={`${id}-error`} message={error} />
      <Button type="submit" size="lg" block busy={status === 'sending'} disabled={locked || text.trim() === '' || value === sent}>
        {answered ? S.numeric.update : S.numeric.send}
      </Button>
      <SendStatus status={status} retryMessage={retryMessage} general={errors.general} />
    </form>
  );
}
