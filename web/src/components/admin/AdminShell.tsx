import { t } from '../../i18n';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useLanguageScope } from '../../i18n/scope';
import { LanguageSelect } from '../ui/LanguageSelect';
import { Logo } from '../ui/Logo';
import { AccountMenu } from '../account/AccountMenu';

/** The organizer's page frame: a slim brand bar and a wide content area. */
export function AdminShell({ children, actions, title }: { children: ReactNode; actions?: ReactNode; title?: ReactNode }) {
  // The dashboard follows this organizer's browser, or its own switcher.
  useLanguageScope('dashboard');
  return (
    <div className="min-h-dvh bg-slate-100">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
          <Link to="/admin" aria-label={t('adminShell.cajaOrganizerHome')} className="shrink-0">
            <Logo size={30} />
          </Link>
          <span className="hidden h-6 w-px bg-slate-200 sm:block" aria-hidden="true" />
          <div className="min-w-0 flex-1">{title}</div>
          {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
          <AccountMenu />
          <LanguageSelect scope="dashboard" />
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6 sm:px-6">{children}</main>
    </div>
  );
}
