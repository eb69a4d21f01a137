import { t } from '../../i18n';
import type { ReactNode } from 'react';
import type { Session } from '../../types/session';
import { shortUrl, spacedCode } from '../../utils/format';

/** The QR code image: the session's data URI, or the PNG endpoint. */
export function qrSrc(session: Pick<Session, 'id' | 'qr_code_url'>): string {
  return session.qr_code_url || `/api/v1/sessions/${encodeURIComponent(session.id)}/qr.png`;
}

/** The join address without its code, e.g. "caja.example/join". */
export function joinBase(joinUrl: string, code: string): string {
  const short = shortUrl(joinUrl);
  return short.endsWith(`/${code}`) ? short.slice(0, -(code.length + 1)) : short;
}

/**
 * Join instructions for the lobby: where to go, the code, the QR, and
 * (`people`) who has joined. `compact` leaves room for the leaderboard.
 */
export function JoinHero({ session, compact = false, people }: { session: Session; compact?: boolean; people?: ReactNode }) {
  const qrWidth = compact ? 'min(19vw, 34vh)' : 'min(34vw, 58vh)';
  return (
    <div className={`grid h-full w-full grid-cols-[minmax(0,1fr)_auto] items-center ${compact ? 'gap-[2.5vw]' : 'gap-[4vw]'}`}>
      <div className={`flex min-w-0 flex-col ${compact ? 'gap-[1.6vh]' : 'gap-[2.5vh]'}`}>
        <p className="font-semibold text-white/75" style={{ fontSize: compact ? 'clamp(18px, 1.5vw, 34px)' : 'clamp(20px, 2vw, 44px)' }}>
          {t('display.joinAt')}
        </p>
        <p
          className="font-extrabold text-white break-anywhere"
          style={{ fontSize: compact ? 'clamp(24px, 2.4vw, 54px)' : 'clamp(28px, 3.4vw, 76px)', lineHeight: 1.1 }}
        >
          {joinBase(session.join_url, session.join_code)}
        </p>
        <p className="mt-[1.5vh] font-semibold text-white/75" style={{ fontSize: compact ? 'clamp(18px, 1.5vw, 34px)' : 'clamp(20px, 2vw, 44px)' }}>
          {t('display.enterCode')}
        </p>
        <p
          className="w-fit rounded-3xl bg-white px-[2vw] py-[1.2vh] font-extrabold whitespace-nowrap tracking-[0.08em] text-ink tabular-nums shadow-2xl"
          style={{ fontSize: compact ? 'clamp(40px, 5vw, 120px)' : 'clamp(48px, 8vw, 180px)', lineHeight: 1 }}
          aria-label={t('display.joinCodeLabel', { code: session.join_code.split('').join(' ') })}
          data-testid="join-code"
          dir="ltr"
        >
          {spacedCode(session.join_code)}
        </p>
        {people && <div className={`mt-[2vh] overflow-hidden ${compact ? 'max-h-[18vh]' : 'max-h-[24vh]'}`}>{people}</div>}
      </div>
      <div className="flex flex-col items-center gap-3">
        <div className="rounded-3xl bg-white p-[1.1vw] shadow-2xl">
          <img
            src={qrSrc(session)}
            alt={t('display.qrAlt', { url: session.join_url })}
            className="block aspect-square [image-rendering:pixelated]"
            style={{ width: qrWidth }}
          />
        </div>
        <p className="font-semibold text-white/70" style={{ fontSize: 'clamp(16px, 1.4vw, 30px)' }}>
          {t('display.scan')}
        </p>
      </div>
    </div>
  );
}

/** The compact join panel shown beside an activity when the organizer asks for it. */
export function JoinSide({ session }: { session: Session }) {
  return (
    <aside aria-label={t('display.howToJoin')} className="flex flex-col items-center gap-3 rounded-3xl bg-white p-5 text-center text-ink shadow-2xl">
      <img src={qrSrc(session)} alt={t('display.qrAlt', { url: session.join_url })} className="aspect-square w-[15vw] min-w-40 [image-rendering:pixelated]" />
      <p className="font-semibold text-slate-600 break-anywhere" style={{ fontSize: 'clamp(14px, 1.1vw, 26px)' }} dir="ltr">
        {joinBase(session.join_url, session.join_code)}
      </p>
      <p className="font-extrabold tracking-wider tabular-nums" style={{ fontSize: 'clamp(28px, 3vw, 64px)', lineHeight: 1 }} dir="ltr">
        {spacedCode(session.join_code)}
      </p>
    </aside>
  );
}
