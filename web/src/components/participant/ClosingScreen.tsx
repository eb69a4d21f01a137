import { formatNumber } from '../../i18n/format';
import { t } from '../../i18n';
import type { Me } from '../../types/session';

/** The session is over: thanks, and the final score when there was a quiz. */
export function ClosingScreen({ sessionName, me }: { sessionName: string; me: Me | undefined }) {
  const played = (me?.quiz_results.length ?? 0) > 0;
  return (
    <section aria-labelledby="closing-title" className="animate-fade-up flex flex-col items-center gap-4 py-10 text-center">
      <span className="flex h-20 w-20 items-center justify-center rounded-full bg-coral-500 text-white shadow-lg" aria-hidden="true">
        <svg viewBox="0 0 24 24" className="h-10 w-10" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round">
          <path d="M5 12.5 10 17.5 19.5 7" />
        </svg>
      </span>
      <h1 id="closing-title" className="text-3xl font-extrabold text-ink">
        {t('closing.thanks')}
      </h1>
      <p className="max-w-xs text-lg text-slate-600">
        {t('closing.ended', { name: sessionName })}
      </p>
      {played && me && (
        <div className="mt-2 rounded-2xl bg-brand-600 px-6 py-4 text-white shadow-lg">
          <p className="text-sm font-semibold uppercase tracking-wide text-brand-100">{t('closing.finalScore')}</p>
          <p className="text-4xl font-extrabold tabular-nums">{formatNumber(me.score)}</p>
          <p className="text-sm text-brand-100">
            {t('closing.correct', { count: me.correct_answers })}
            {me.rank ? ` · ${t('closing.place', { rank: me.rank })}` : ''}
          </p>
        </div>
      )}
      <p className="text-sm text-slate-500">{t('closing.close')}</p>
    </section>
  );
}
