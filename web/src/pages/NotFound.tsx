import { t } from '../i18n';
import { Link } from 'react-router';
import { Logo } from '../components/ui/Logo';

export function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 px-6 text-center">
      <Logo size={40} />
      <h1 className="text-2xl font-extrabold text-ink">{t('notFound.title')}</h1>
      <p className="text-slate-600">{t('notFound.hint')}</p>
      <div className="flex gap-4">
        <Link to="/join" className="font-semibold text-brand-700 hover:underline">
          {t('join.title')}
        </Link>
        <Link to="/admin" className="font-semibold text-brand-700 hover:underline">
          {t('notFound.organize')}
        </Link>
      </div>
    </main>
  );
}
