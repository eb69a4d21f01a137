import { t } from '../../i18n';
import { useState, type FormEvent } from 'react';
import { useSubmit } from '../../hooks/useSubmit';
import { charLength } from '../../utils/validation';
import { Button } from '../ui/Button';
import { TextField } from '../ui/Field';
import { SendStatus } from './SendStatus';

interface NicknameFormProps {
  sessionName: string;
  onJoin: (nickname: string) => Promise<unknown>;
}

const MAX_NICK = 30;

/** Choose a nickname and join; errors (taken, too long) show by the field. */
export function NicknameForm({ sessionName, onJoin }: NicknameFormProps) {
  const [nickname, setNickname] = useState('');
  const { submit, status, errors, retryMessage } = useSubmit((n: string) => onJoin(n), {
    knownField: (f) => f === 'nickname',
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (nickname.trim()) submit(nickname.trim());
  };
  // 409 "nickname taken" has no field in the problem: show it by the field anyway.
  const nickError = errors.fields['nickname'] ?? (errors.general && (errors.code === 'nickname_taken' || /nickname/i.test(errors.general)) ? errors.general : undefined);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <p className="text-slate-600">
        {t('join.joining')} <span className="font-bold text-ink break-anywhere">{sessionName}</span>
      </p>
      <TextField
        label={t('join.nickname')}
        hint={t('join.nicknameHint')}
        autoComplete="nickname"
        autoCapitalize="words"
        enterKeyHint="go"
        maxLength={MAX_NICK}
        value={nickname}
        error={nickError}
        onChange={(e) => setNickname(e.target.value)}
        inputClassName="min-h-14 text-lg"
        autoFocus
      />
      <div className="-mt-2 text-end text-xs text-slate-500" aria-hidden="true">
        {charLength(nickname)}/{MAX_NICK}
      </div>
      <Button type="submit" size="xl" block busy={status === 'sending'} disabled={!nickname.trim() || status === 'retrying'}>
        {t('join.join')}
      </Button>
      <SendStatus status={status} retryMessage={retryMessage} general={nickError ? null : errors.general} />
    </form>
  );
}
