import { formatNumber } from '../../i18n/format';
import { t } from '../../i18n';
import { Link } from 'react-router';
import { LogoMark } from '../ui/Logo';
import type { Me } from '../../types/session';

/** The phone's top bar: the brand, the session, who I am and my score. */
export function ParticipantHeader({ sessionName, nickname, me }: { sessionName?: string; nickname?: string; me?: Me | undefined }) {
  return (
    <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex max-w-xl items-center gap-3 px-4 py-3">
        <Link to="/" aria-label={t('phone.home')} className="shrink-0">
          <LogoMark size={30} />
        </Link>
        <div className="min-w-0 flex-1">
          {sessionName && <p className="truncate text-sm font-semibold text-slate-500">{sessionName}</p>}
          {nickname && (
            <p className="truncate text-base font-bold text-ink" data-testid="greeting">
              {t('phone.welcome', { nickname })}
            </p>
          )}
        </div>
        {me && me.quiz_results.length > 0 && (
          <div className="shrink-0 rounded-xl bg-brand-50 px-3 py-1 text-end ring-1 ring-brand-100" aria-label={t('phone.scoreLabel', { count: me.score })}>
            <p className="text-[10px] font-bold uppercase tracking-wider text-brand-600">{t('phone.score')}</p>
            <p className="text-base font-extrabold tabular-nums text-brand-900">{formatNumber(me.score)}</p>
          </div>
        )}
      </div>
    </header>
  );
}
