import { t } from '../../i18n';
import { useState } from 'react';
import { participantApi } from '../../services/participantApi';

interface ReactionBarProps {
  sessionId: string;
  token: string;
  emojis: string[];
}

/** The session's reactions as a row of buttons under the current activity. */
export function ReactionBar({ sessionId, token, emojis }: ReactionBarProps) {
  const [sent, setSent] = useState<string | null>(null);
  const [slow, setSlow] = useState(false);
  if (emojis.length === 0) return null;
  const send = async (emoji: string) => {
    try {
      await participantApi.react(sessionId, token, emoji);
      setSent(emoji);
      setSlow(false);
      setTimeout(() => setSent((s) => (s === emoji ? null : s)), 600);
    } catch (e) {
      setSlow((e as { status?: number }).status === 429);
    }
  };
  return (
    <div className="mt-6 flex flex-col items-center gap-1" role="group" aria-label={t('reactions.label')}>
      <div className="flex flex-wrap justify-center gap-2">
        {emojis.map((e) => (
          <button
            key={e}
            type="button"
            aria-label={t('reactions.react', { emoji: e })}
            onClick={() => void send(e)}
            className={`h-12 w-12 rounded-full bg-white text-2xl shadow ring-1 ring-slate-200 transition active:scale-90 ${sent === e ? 'scale-110 ring-brand-500' : ''}`}
          >
            {e}
          </button>
        ))}
      </div>
      {slow && <p className="text-xs text-slate-500">{t('reactions.slow')}</p>}
    </div>
  );
}
