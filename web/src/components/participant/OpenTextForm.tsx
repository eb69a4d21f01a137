import { t } from '../../i18n';
import { useState, type FormEvent } from 'react';
import { activityApi } from '../../services/activityApi';
import { answerStore } from '../../services/storage';
import { useSubmit } from '../../hooks/useSubmit';
import type { OpenTextActivity } from '../../types/activity';
import { charLength } from '../../utils/validation';
import { Button } from '../ui/Button';
import { TextArea } from '../ui/Field';
import { AnswerIn } from './AnswerIn';
import { SendStatus } from './SendStatus';
import type { AnswerFormProps } from './types';

const MAX_TEXT = 500;

/** A free-text answer; it may be edited (replaced) while the activity is open. */
export function OpenTextForm({ activity, sessionId, token, participantId, me, onAnswered }: AnswerFormProps<OpenTextActivity>) {
  const [saved] = useState(() => answerStore.get(participantId, activity.id)?.text);
  const [text, setText] = useState(saved ?? '');
  const [sent, setSent] = useState<string | null>(saved ?? null);
  const [editing, setEditing] = useState(false);
  const answered = sent !== null || (me?.answered_activity_ids.includes(activity.id) ?? false);

  const { submit, status, errors, retryMessage } = useSubmit(
    (answer: string) => activityApi.respond(sessionId, activity.id, token, { text: answer }),
    {
      knownField: (f) => f === 'text',
      onSuccess: (_r, answer) => {
        setSent(answer);
        setEditing(false);
        answerStore.set(participantId, activity.id, { text: answer });
        onAnswered();
      },
    },
  );

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    submit(text);
  };

  if (answered && !editing && status !== 'retrying' && status !== 'sending') {
    return (
      <div className="flex flex-col gap-4">
        <AnswerIn />
        {sent !== null && (
          <blockquote className="rounded-2xl bg-white px-4 py-3 text-lg text-ink shadow-sm ring-1 ring-slate-200 whitespace-pre-wrap break-anywhere">
            {sent}
          </blockquote>
        )}
        <Button variant="secondary" size="lg" onClick={() => setEditing(true)}>
          {t('openText.edit')}
        </Button>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3" noValidate>
      <TextArea
        label={t('openText.label')}
        value={text}
        maxLength={MAX_TEXT}
        rows={4}
        enterKeyHint="send"
        error={errors.fields['text']}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="flex items-center justify-between gap-3">
        <span className="text-sm text-slate-500" aria-hidden="true">
          {charLength(text)}/{MAX_TEXT}
        </span>
        <div className="flex gap-2">
          {editing && (
            <Button variant="ghost" size="lg" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </Button>
          )}
          <Button type="submit" size="lg" busy={status === 'sending'} disabled={!text.trim() || status === 'retrying'}>
            {answered ? t('common.update') : t('common.send')}
          </Button>
        </div>
      </div>
      <SendStatus status={status} retryMessage={retryMessage} general={errors.general} />
    </form>
  );
}
