import { t } from '../../i18n';
import { useState, type FormEvent } from 'react';
import { Button } from '../ui/Button';
import { TextField } from '../ui/Field';

interface JoinCodeFormProps {
  initialCode?: string;
  error?: string | undefined;
  busy?: boolean;
  onSubmit: (code: string) => void;
}

/** The join code, typed on the numeric keypad. */
export function JoinCodeForm({ initialCode = '', error, busy, onSubmit }: JoinCodeFormProps) {
  const [code, setCode] = useState(initialCode);
  const clean = code.replace(/\D/g, '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (clean.length >= 4) onSubmit(clean);
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <TextField
        label={t('join.code')}
        hint={t('join.codeHint')}
        inputMode="numeric"
        pattern="[0-9]*"
        autoComplete="off"
        enterKeyHint="go"
        maxLength={12}
        placeholder="123 456"
        value={code}
        error={error}
        onChange={(e) => setCode(e.target.value.replace(/[^\d ]/g, ''))}
        inputClassName="min-h-16 text-center text-3xl font-bold tracking-[0.3em] placeholder:tracking-[0.3em]"
        autoFocus
      />
      <Button type="submit" size="xl" block busy={busy} disabled={clean.length < 4}>
        {t('common.continue')}
      </Button>
    </form>
  );
}
