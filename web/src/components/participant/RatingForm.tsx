import { t } from '../../i18n';
import { useId, useState } from 'react';
import { activityApi } from '../../services/activityApi';
import { answerStore } from '../../services/storage';
import { useSubmit } from '../../hooks/useSubmit';
import type { RatingActivity } from '../../types/activity';
import { Button } from '../ui/Button';
import { FieldError } from '../ui/Field';
import { AnswerIn } from './AnswerIn';
import { SendStatus } from './SendStatus';
import type { AnswerFormProps } from './types';

/** Stars for short 1..10 scales, numbered buttons for other short scales, a slider for long ones. */
export function ratingStyle(min: number, max: number): 'stars' | 'buttons' | 'slider' {
  const steps = max - min + 1;
  if (steps > 11) return 'slider';
  return min >= 1 && max <= 10 ? 'stars' : 'buttons';
}

export function RatingForm({ activity, sessionId, token, participantId, me, onAnswered }: AnswerFormProps<RatingActivity>) {
  const { min, max } = activity.settings;
  const style = ratingStyle(min, max);
  const [saved] = useState(() => answerStore.get(participantId, activity.id)?.value);
  const [value, setValue] = useState<number | null>(saved ?? null);
  const [sent, setSent] = useState<number | null>(saved ?? null);
  const answered = sent !== null || (me?.answered_activity_ids.includes(activity.id) ?? false);
  const sliderId = useId();

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

  const pick = (v: number) => {
    setValue(v);
    submit(v);
  };
  const values = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  const busy = status === 'sending';

  return (
    <div className="flex flex-col gap-4">
      {answered && status !== 'sending' && status !== 'retrying' && (
        <AnswerIn>{sent !== null ? t('rating.rated', { value: sent }) : t('rating.tapAgain')}</AnswerIn>
      )}
      {style === 'stars' && (
        <div role="radiogroup" aria-label={activity.title} className="flex flex-wrap justify-center gap-1">
          {values.map((v) => {
            const lit = value !== null && v <= value;
            return (
              <button
                key={v}
                type="button"
                role="radio"
                aria-checked={value === v}
                aria-label={t('rating.outOf', { value: v, max })}
                disabled={busy}
                onClick={() => pick(v)}
                className={`flex h-14 w-14 items-center justify-center rounded-xl text-4xl transition active:scale-95 ${
                  lit ? 'text-amber-400' : 'text-slate-300 hover:text-amber-200'
                } ${values.length > 7 ? 'h-12 w-12 text-3xl' : ''}`}
              >
                <span aria-hidden="true">★</span>
              </button>
            );
          })}
        </div>
      )}
      {style === 'buttons' && (
        <div role="radiogroup" aria-label={activity.title} className="grid grid-cols-4 gap-2 sm:grid-cols-6">
          {values.map((v) => (
            <button
              key={v}
              type="button"
              role="radio"
              aria-checked={value === v}
              disabled={busy}
              onClick={() => pick(v)}
              className={`min-h-14 rounded-xl text-xl font-bold ring-1 ring-inset transition ${
                value === v ? 'bg-brand-600 text-white ring-brand-600' : 'bg-white text-ink ring-slate-300 hover:bg-brand-50'
              }`}
            >
              {v}
            </button>
          ))}
        </div>
      )}
      {style === 'slider' && (
        <div className="flex flex-col gap-3">
          <label htmlFor={sliderId} className="text-sm font-semibold text-slate-700">
            {t('rating.slider', { min, max })}
          </label>
          <output htmlFor={sliderId} className="text-center text-5xl font-extrabold tabular-nums text-brand-700">
            {value ?? '–'}
          </output>
          <input
            id={sliderId}
            type="range"
            className="caja-range w-full"
            min={min}
            max={max}
            step={1}
            value={value ?? Math.round((min + max) / 2)}
            onChange={(e) => setValue(Number(e.target.value))}
          />
          <div className="flex justify-between text-sm text-slate-500" aria-hidden="true">
            <span>{min}</span>
            <span>{max}</span>
          </div>
          <Button size="lg" block busy={busy} disabled={value === null || value === sent} onClick={() => value !== null && submit(value)}>
            {answered ? t('rating.update') : t('rating.send')}
          </Button>
        </div>
      )}
      {style !== 'slider' && (
        <div className="flex justify-between px-1 text-sm text-slate-500" aria-hidden="true">
          <span>{min}</span>
          <span>{max}</span>
        </div>
      )}
      <FieldError message={errors.fields['value']} />
      <SendStatus status={status} retryMessage={retryMessage} general={errors.general} />
    </div>
  );
}
