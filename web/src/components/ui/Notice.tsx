import { t } from '../../i18n';
import type { ReactNode } from 'react';

type Tone = 'info' | 'success' | 'warning' | 'error';

const tones: Record<Tone, string> = {
  info: 'bg-brand-50 text-brand-900 ring-brand-200',
  success: 'bg-emerald-50 text-emerald-900 ring-emerald-200',
  warning: 'bg-amber-50 text-amber-900 ring-amber-200',
  error: 'bg-red-50 text-red-800 ring-red-200',
};

export function Notice({ tone = 'info', children, className = '' }: { tone?: Tone; children: ReactNode; className?: string }) {
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={`rounded-xl px-4 py-3 text-sm font-medium ring-1 ring-inset break-anywhere ${tones[tone]} ${className}`}
    >
      {children}
    </div>
  );
}

/**
 * The pill shown while polls fail and the app backs off: unobtrusive on a
 * phone; `large` on the projector, readable from the back of the room.
 */
export function ReconnectingNotice({ show, dark = false, large = false }: { show: boolean; dark?: boolean; large?: boolean }) {
  return (
    <div aria-live="polite" className={`pointer-events-none fixed inset-x-0 z-50 flex justify-center ${large ? 'bottom-[4vh]' : 'bottom-3'}`}>
      {show && (
        <span
          role="status"
          data-testid="reconnecting"
          className={`animate-fade-up inline-flex items-center rounded-full font-semibold shadow-lg ${
            large ? 'gap-[0.5em] px-[1.1em] py-[0.45em] text-[clamp(28px,2.6vw,60px)] font-extrabold' : 'gap-2 px-3.5 py-1.5 text-sm'
          } ${dark ? 'bg-night-2/95 text-white ring-2 ring-amber-400/70' : 'bg-ink text-white'}`}
        >
          <span className={`animate-pulse rounded-full bg-amber-400 ${large ? 'h-[0.6em] w-[0.6em]' : 'h-2 w-2'}`} aria-hidden="true" />
          {t('common.reconnecting')}
        </span>
      )}
    </div>
  );
}
