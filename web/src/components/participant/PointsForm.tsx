import { useId, useState } from 'react';
import { activityApi } from '../../services/activityApi';
import { answerStore } from '../../services/storage';
import { useSubmit } from '../../hooks/useSubmit';
import type { Option, PointsActivity } from '../../types/activity';
import { setPoints, sumPoints } from '../../utils/answers';
import { S } from '../../strings/activityTypes';
import { Button } from '../ui/Button';
import { FieldError } from '../ui/Field';
import { AnswerIn } from './AnswerIn';
import { SendStatus } from './SendStatus';
import type { AnswerFormProps } from './types';

/** Share out the total between the options (steppers or typing); the sum can never pass the total. */
export function PointsForm({ activity, sessionId, token, participantId, me, onAnswered }: AnswerFormProps<PointsActivity>) {
  const total = activity.settings.total;
  const step = Math.max(1, Math.round(total / 20));
  const [saved] = useState(() => answerStore.get(participantId, activity.id)?.points);
  const [points, setAll] = useState<Record<string, number>>(() => saved ?? Object.fromEntries(activity.options.map((o) => [o.id, 0])));
  const [sent, setSent] = useState<Record<string, number> | null>(saved ?? null);
  const answered = sent !== null || (me?.answered_activity_ids.includes(activity.id) ?? false);
  const used = sumPoints(points);
  const left = total - used;

  const { submit, status, errors, retryMessage } = useSubmit(
    (p: Record<string, number>) => activityApi.respond(sessionId, activity.id, token, { points: p }),
    {
      knownField: (f) => f === 'points' || f.startsWith('points.'),
      onSuccess: (_r, p) => {
        setSent(p);
        answerStore.set(participantId, activity.id, { points: p });
        onAnswered();
      },
    },
  );

  const give = (id: string, n: number) => setAll((p) => setPoints(p, id, n, total));
  const dirty = sent === null || activity.options.some((o) => (sent[o.id] ?? 0) !== (points[o.id] ?? 0));
  const body = () => Object.fromEntries(activity.options.map((o) => [o.id, points[o.id] ?? 0]));

  return (
    <div className="flex flex-col gap-4">
      {answered && !dirty && status !== 'sending' && status !== 'retrying' && <AnswerIn>{S.points.answered}</AnswerIn>}
      <div
        role="status"
        aria-live="polite"
        className={`sticky top-2 z-10 flex items-baseline justify-center gap-2 rounded-2xl px-4 py-3 shadow-sm ring-1 ${
          left === 0 ? 'bg-emerald-50 text-emerald-900 ring-emerald-200' : 'bg-brand-50 text-brand-900 ring-brand-100'
        }`}
        data-testid="points-left"
      >
        <span className="text-3xl font-extrabold tabular-nums">{S.points.remaining(left)}</span>
        <span className="text-sm">{S.points.of(total)}</span>
      </div>
      <ul className="flex flex-col gap-3">
        {activity.options.map((o) => (
          <li key={o.id}>
            <PointsRow
              option={o}
              value={points[o.id] ?? 0}
              room={left + (points[o.id] ?? 0)}
              step={step}
              disabled={status === 'sending'}
              error={errors.fields[`points.${o.id}`]}
              onChange={(n) => give(o.id, n)}
            />
          </li>
        ))}
      </ul>
      <Button size="lg" block className="sticky bottom-3 shadow-lg" busy={status === 'sending'} disabled={used === 0 || !dirty} onClick={() => submit(body())}>
        {answered ? S.points.update : S.points.send}
      </Button>
      <FieldError message={errors.fields['points']} />
      <SendStatus status={status} retryMessage={retryMessage} general={errors.general} />
    </div>
  );
}

interface PointsRowProps {
  option: Option;
  value: number;
  /** The most this option may have now (its points plus what is left). */
  room: number;
  step: number;
  disabled: boolean;
  error: string | undefined;
  onChange: (n: number) => void;
}

function PointsRow({ option, value, room, step, disabled, error, onChange }: PointsRowProps) {
  const id = useId();
  const btn = 'flex h-12 w-12 shrink-0 items-center justify-center rounded-xl text-2xl font-bold text-brand-800 ring-1 ring-inset ring-slate-300 hover:bg-brand-50 disabled:text-slate-300';
  return (
    <div className="rounded-2xl bg-white p-3 ring-1 ring-slate-200">
      <label htmlFor={id} className="mb-2 block text-base font-semibold text-ink break-anywhere">
        {option.label}
      </label>
      <div className="flex items-center gap-2">
        <button type="button" className={btn} disabled={disabled || value <= 0} onClick={() => onChange(value - step)} aria-label={S.points.less(option.label)}>
          <span aria-hidden="true">−</span>
        </button>
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={0}
          max={room}
          step={1}
          value={value}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onChange(e.target.value === '' ? 0 : Number(e.target.value))}
          className="min-h-12 w-full min-w-0 flex-1 rounded-xl border border-slate-300 bg-white px-3 text-center text-xl font-bold tabular-nums text-ink focus:border-brand-500 focus:outline-none focus:ring-4 focus:ring-brand-100"
        />
        <button type="button" className={btn} disabled={disabled || value >= room} onClick={() => onChange(value + step)} aria-label={S.points.more(option.label)}>
          <span aria-hidden="true">+</span>
        </button>
      </div>
      <FieldError message={error} />
    </div>
  );
}
