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

/** The unobtrusive pill shown while polls fail and the app backs off. */
export function ReconnectingNotice({ show, dark = false }: { show: boolean; dark?: boolean }) {
  return (
    <div aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-3 z-50 flex justify-center">
      {show && (
        <span
          role="status"
          className={`animate-fade-up inline-flex items-center gap-2 rounded-full px-3.5 py-1.5 text-sm font-semibold shadow-lg ${
            dark ? 'bg-white/15 text-white ring-1 ring-white/25 backdrop-blur' : 'bg-ink text-white'
          }`}
        >
          <span className="h-2 w-2 animate-pulse rounded-full bg-amber-400" aria-hidden="true" />
          Reconnecting…
        </span>
      )}
    </div>
  );
}
