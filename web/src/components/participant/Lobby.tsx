import { t } from '../../i18n';

/** Nothing on screen yet: a calm waiting room. */
export function Lobby({ sessionName, participantCount }: { sessionName: string; participantCount: number }) {
  return (
    <section aria-labelledby="lobby-title" className="animate-fade-up flex flex-col items-center gap-4 py-8 text-center">
      <div className="relative flex h-24 w-24 items-center justify-center" aria-hidden="true">
        <span className="absolute inset-0 animate-ping rounded-full bg-brand-200 opacity-60" />
        <span className="relative flex h-20 w-20 items-center justify-center rounded-full bg-brand-600 text-4xl text-white shadow-lg">
          ✦
        </span>
      </div>
      <h1 id="lobby-title" className="text-2xl font-extrabold text-ink">
        {t('lobby.in')}
      </h1>
      <p className="max-w-xs text-lg text-slate-600">
        {t('lobby.waiting', { name: sessionName })}
      </p>
      <p className="rounded-full bg-white px-4 py-1.5 text-sm font-semibold text-slate-700 shadow-sm ring-1 ring-slate-200">
        {t('lobby.here', { count: participantCount })}
      </p>
    </section>
  );
}
