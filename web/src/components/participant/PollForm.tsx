import { t } from '../../i18n';
import { useState } from 'react';
import { activityApi } from '../../services/activityApi';
import { answerStore } from '../../services/storage';
import { useSubmit } from '../../hooks/useSubmit';
import type { PollActivity } from '../../types/activity';
import { Button } from '../ui/Button';
import { FieldError } from '../ui/Field';
import { AnswerIn } from './AnswerIn';
import { ChoiceButton } from './ChoiceButton';
import { SendStatus } from './SendStatus';
import type { AnswerFormProps } from './types';

/** Tap to vote; several choices where the poll allows; the vote may change while open. */
export function PollForm({ activity, sessionId, token, participantId, me, onAnswered }: AnswerFormProps<PollActivity>) {
  const multiple = activity.settings.multiple;
  const max = multiple ? (activity.settings.max_choices ?? activity.options.length) : 1;
  const [saved] = useState(() => answerStore.get(participantId, activity.id)?.option_ids ?? []);
  const [chosen, setChosen] = useState<string[]>(saved);
  const [sent, setSent] = useState<string[]>(saved);
  const answered = sent.length > 0 || (me?.answered_activity_ids.includes(activity.id) ?? false);

  const { submit, status, errors, retryMessage } = useSubmit(
    (ids: string[]) => activityApi.respond(sessionId, activity.id, token, { option_ids: ids }),
    {
      knownField: (f) => f === 'option_ids' || f.startsWith('option_ids['),
      onSuccess: (_res, ids) => {
        setSent(ids);
        answerStore.set(participantId, activity.id, { option_ids: ids });
        onAnswered();
      },
    },
  );

  const toggle = (id: string) => {
    if (!multiple) {
      setChosen([id]);
      submit([id]);
      return;
    }
    setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : c.length >= max ? c : [...c, id]));
  };

  const dirty = multiple && (chosen.length !== sent.length || chosen.some((id) => !sent.includes(id)));
  const optionError = errors.fields['option_ids'] ?? Object.entries(errors.fields).find(([k]) => k.startsWith('option_ids['))?.[1];

  return (
    <div className="flex flex-col gap-4">
      {answered && !dirty && status !== 'sending' && status !== 'retrying' && (
        <AnswerIn>{multiple ? t('poll.changeMany') : t('poll.changeOne')}</AnswerIn>
      )}
      <div role={multiple ? 'group' : 'radiogroup'} aria-label={activity.title} className="flex flex-col gap-3">
        {activity.options.map((o, i) => (
          <ChoiceButton
            key={o.id}
            index={i}
            label={o.label}
            imageId={o.image_id}
            kind={multiple ? 'checkbox' : 'radio'}
            selected={chosen.includes(o.id)}
            disabled={status === 'sending' || (multiple && !chosen.includes(o.id) && chosen.length >= max)}
            onSelect={() => toggle(o.id)}
          />
        ))}
      </div>
      {multiple && (
        <>
          <p className="text-sm text-slate-600">
            {max < activity.options.length ? t('poll.upTo', { count: max }) : t('poll.all')} {t('poll.selected', { count: chosen.length })}
          </p>
          <Button
            size="lg"
            block
            className="sticky bottom-3 shadow-lg"
            busy={status === 'sending'}
            disabled={chosen.length === 0 || (!dirty && answered)}
            onClick={() => submit(chosen)}
          >
            {answered ? t('poll.update') : t('poll.send')}
          </Button>
        </>
      )}
      <FieldError message={optionError} />
      <SendStatus status={status} retryMessage={retryMessage} general={errors.general} />
    </div>
  );
}
