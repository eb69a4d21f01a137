import { t } from '../../i18n';
import { useState, type FormEvent } from 'react';
import { activityApi } from '../../services/activityApi';
import { ApiError } from '../../services/api';
import { answerStore } from '../../services/storage';
import { useSubmit } from '../../hooks/useSubmit';
import type { WordCloudActivity } from '../../types/activity';
import { charLength } from '../../utils/validation';
import { Button } from '../ui/Button';
import { TextField } from '../ui/Field';
import { AnswerIn } from './AnswerIn';
import { SendStatus } from './SendStatus';
import type { AnswerFormProps } from './types';

const MAX_WORD = 40;

/** Up to N short entries for the word cloud. */
export function WordCloudForm({ activity, sessionId, token, participantId, me, onAnswered }: AnswerFormProps<WordCloudActivity>) {
  const max = activity.settings.max_entries_per_participant;
  const [words, setWords] = useState<string[]>(() => answerStore.get(participantId, activity.id)?.words ?? []);
  const [text, setText] = useState('');
  const [full, setFull] = useState(false);
  const answered = words.length > 0 || (me?.answered_activity_ids.includes(activity.id) ?? false);
  const left = Math.max(0, max - words.length);
  const done = full || left === 0;

  const { submit, status, errors, retryMessage } = useSubmit(
    (word: string) => activityApi.respond(sessionId, activity.id, token, { text: word }),
    {
      knownField: (f) => f === 'text',
      onSuccess: (_r, word) => {
        const next = [...words, word];
        setWords(next);
        setText('');
        answerStore.set(participantId, activity.id, { words: next });
        onAnswered();
      },
      onError: (err) => {
        if ((err instanceof ApiError && err.problem?.code === 'entries_limit') || (err instanceof Error && /already sent/i.test(err.message))) setFull(true);
      },
    },
  );

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const word = text.trim();
    if (!word || done) return;
    submit(word);
  };

  return (
    <div className="flex flex-col gap-4">
      {answered && (
        <AnswerIn>
          {done ? t('wordCloud.done', { count: max }) : t('wordCloud.more', { count: left })}
        </AnswerIn>
      )}
      {words.length > 0 && (
        <ul aria-label={t('wordCloud.yourWords')} className="flex flex-wrap gap-2">
          {words.map((w, i) => (
            <li key={i} className="max-w-full rounded-full bg-brand-100 px-3 py-1 font-semibold text-brand-900 break-anywhere">
              {w}
            </li>
          ))}
        </ul>
      )}
      {!done && (
        <form onSubmit={onSubmit} className="flex flex-col gap-3" noValidate>
          <TextField
            label={words.length ? t('wordCloud.another') : t('wordCloud.yours')}
            hint={t('wordCloud.hint', { count: max, chars: MAX_WORD })}
            value={text}
            maxLength={MAX_WORD}
            autoComplete="off"
            autoCapitalize="none"
            enterKeyHint="send"
            error={errors.fields['text']}
            onChange={(e) => setText(e.target.value)}
            inputClassName="text-lg"
          />
          <div className="flex items-center justify-between gap-3">
            <span className="text-sm text-slate-500" aria-hidden="true">
              {charLength(text)}/{MAX_WORD}
            </span>
            <Button type="submit" size="lg" busy={status === 'sending'} disabled={!text.trim() || status === 'retrying'}>
              {t('common.send')}
            </Button>
          </div>
        </form>
      )}
      <SendStatus status={status} retryMessage={retryMessage} general={errors.general} />
    </div>
  );
}
