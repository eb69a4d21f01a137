import { useState } from 'react';
import { activityApi } from '../../services/activityApi';
import { answerStore } from '../../services/storage';
import { useSubmit } from '../../hooks/useSubmit';
import type { Option, ScalesActivity, ScalesSettings } from '../../types/activity';
import { S } from '../../strings/activityTypes';
import { Button } from '../ui/Button';
import { FieldError } from '../ui/Field';
import { AnswerIn } from './AnswerIn';
import { SendStatus } from './SendStatus';
import type { AnswerFormProps } from './types';

/** One row of numbered buttons per statement (min..max, with the end labels), then send them all. */
export function ScalesForm({ activity, sessionId, token, participantId, me, onAnswered }: AnswerFormProps<ScalesActivity>) {
  const [saved] = useState(() => answerStore.get(participantId, activity.id)?.ratings);
  const [ratings, setRatings] = useState<Record<string, number>>(saved ?? {});
  const [sent, setSent] = useState<Record<string, number> | null>(saved ?? null);
  const answered = sent !== null || (me?.answered_activity_ids.includes(activity.id) ?? false);

  const { submit, status, errors, retryMessage } = useSubmit(
    (r: Record<string, number>) => activityApi.respond(sessionId, activity.id, token, { ratings: r }),
    {
      knownField: (f) => f === 'ratings' || f.startsWith('ratings.'),
      onSuccess: (_r, r) => {
        setSent(r);
        answerStore.set(participantId, activity.id, { ratings: r });
        onAnswered();
      },
    },
  );

  const missing = activity.options.filter((o) => ratings[o.id] === undefined).length;
  const dirty = sent === null || activity.options.some((o) => sent[o.id] !== ratings[o.id]);
  const only = (r: Record<string, number>) => Object.fromEntries(activity.options.map((o) => [o.id, r[o.id]!]));

  return (
    <div className="flex flex-col gap-4">
      {answered && !dirty && status !== 'sending' && status !== 'retrying' && <AnswerIn>{S.scales.answered}</AnswerIn>}
      <ul className="flex flex-col gap-4">
        {activity.options.map((o) => (
          <li key={o.id}>
            <ScaleRow
              option={o}
              settings={activity.settings}
              value={ratings[o.id]}
              disabled={status === 'sending'}
              error={errors.fields[`ratings.${o.id}`]}
              onPick={(v) => setRatings((r) => ({ ...r, [o.id]: v }))}
            />
          </li>
        ))}
      </ul>
      {missing > 0 && <p className="text-sm text-slate-600">{S.scales.missing(missing)}</p>}
      <Button
        size="lg"
        block
        className="sticky bottom-3 shadow-lg"
        busy={status === 'sending'}
        disabled={missing > 0 || !dirty}
        onClick={() => submit(only(ratings))}
      >
        {answered ? S.scales.update : S.scales.send}
      </Button>
      <FieldError message={errors.fields['ratings']} />
      <SendStatus status={status} retryMessage={retryMessage} general={errors.general} />
    </div>
  );
}

interface ScaleRowProps {
  option: Option;
  settings: ScalesSettings;
  value: number | undefined;
  disabled: boolean;
  error: string | undefined;
  onPick: (v: number) => void;
}

function ScaleRow({ option, settings, value, disabled, error, onPick }: ScaleRowProps) {
  const { min, max } = settings;
  const values = Array.from({ length: Math.max(0, max - min + 1) }, (_, i) => min + i);
  return (
    <div className="rounded-2xl bg-white p-3 ring-1 ring-slate-200">
      <p className="mb-2 text-base font-semibold text-ink break-anywhere">{option.label}</p>
      <div role="radiogroup" aria-label={S.scales.rate(option.label)} className="flex gap-1">
        {values.map((v) => (
          <button
            key={v}
            type="button"
            role="radio"
            aria-checked={value === v}
            aria-label={`${v}${v === min && settings.min_label ? ` (${settings.min_label})` : ''}${v === max && settings.max_label ? ` (${settings.max_label})` : ''}`}
            disabled={disabled}
            onClick={() => onPick(v)}
            className={`min-h-11 min-w-0 flex-1 rounded-lg text-base font-bold ring-1 ring-inset transition ${
              value === v ? 'bg-brand-600 text-white ring-brand-600' : 'bg-white text-ink ring-slate-300 hover:bg-brand-50'
            }`}
          >
            {v}
          </button>
        ))}
      </div>
      {(settings.min_label || settings.max_label) && (
        <div className="mt-1 flex justify-between gap-4 text-sm text-slate-600" aria-hidden="true">
          <span className="break-anywhere">{settings.min_label}</span>
          <span className="text-end break-anywhere">{settings.max_label}</span>
        </div>
      )}
      <FieldError message={error} />
    </div>
  );
}
