import { t } from '../../i18n';
import type { ReactNode } from 'react';

/** The reassuring "Your answer is in" banner. */
export function AnswerIn({ children, title = t('phone.answerIn') }: { children?: ReactNode; title?: string }) {
  return (
    <div role="status" className="animate-pop flex items-center gap-3 rounded-2xl bg-emerald-50 px-4 py-3 text-emerald-900 ring-1 ring-emerald-200">
      <span className="flex h-9 w-9 shrink-0 items-center justify-center rounded-full bg-emerald-500 text-white" aria-hidden="true">
        <svg viewBox="0 0 20 20" className="h-5 w-5" fill="currentColor">
          <path d="M7.6 13.2 4.4 10l-1.2 1.2 4.4 4.4 9-9-1.2-1.2z" />
        </svg>
      </span>
      <div className="min-w-0">
        <p className="text-base font-bold">{title}</p>
        {children && <div className="text-sm text-emerald-800">{children}</div>}
      </div>
    </div>
  );
}
