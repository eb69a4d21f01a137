import type { ActivityType } from '../../types/activity';

const STYLE: Record<ActivityType, { bg: string; path: string }> = {
  poll: { bg: 'bg-brand-600', path: 'M4 16V9h3v7H4Zm5 0V4h3v12H9Zm5 0v-5h3v5h-3Z' },
  quiz: { bg: 'bg-coral-500', path: 'M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm.9 12.5H9.1v-1.8h1.8v1.8Zm1.6-5.6-.8.8c-.6.6-.8 1-.8 1.9H9.1v-.4c0-.8.3-1.5.8-2.1l1.1-1.1c.3-.3.5-.7.5-1.1 0-.8-.7-1.5-1.5-1.5s-1.5.7-1.5 1.5H6.7a3.3 3.3 0 0 1 6.6 0c0 .8-.3 1.4-.8 2Z' },
  word_cloud: { bg: 'bg-teal-600', path: 'M6 13.5a3.5 3.5 0 0 1-.4-7A4.5 4.5 0 0 1 14.3 6 3.8 3.8 0 0 1 14 13.5H6Z' },
  open_text: { bg: 'bg-sky-600', path: 'M3 4h14v9H8l-4 3v-3H3V4Zm3 3v1.5h8V7H6Zm0 3v1.5h5V10H6Z' },
  rating: { bg: 'bg-amber-500', path: 'm10 2.5 2.3 4.7 5.2.8-3.8 3.6.9 5.1L10 14.3l-4.6 2.4.9-5.1L2.5 8l5.2-.8L10 2.5Z' },
  qna: { bg: 'bg-pink-600', path: 'M3 3h10v7H7l-3 2.5V10H3V3Zm12 4h2v7h-1v2.5L13 14H8v-2h7V7Z' },
  ranking: { bg: 'bg-indigo-600', path: 'M3 4h3v3H3V4Zm5 .5h9v2H8v-2ZM3 8.5h3v3H3v-3Zm5 .5h7v2H8V9Zm-5 4h3v3H3v-3Zm5 .5h5v2H8v-2Z' },
  scales: { bg: 'bg-emerald-600', path: 'M3 5h14v1.5H3V5Zm9-1.5h2v4.5h-2V3.5ZM3 9.25h14v1.5H3v-1.5Zm3-1.5h2v4.5H6v-4.5ZM3 13.5h14V15H3v-1.5Zm7-1.5h2v4.5h-2V12Z' },
  points: { bg: 'bg-orange-600', path: 'M10 2a8 8 0 1 0 8 8h-8V2Zm1.5 0v6.5H18A8 8 0 0 0 11.5 2Z' },
  numeric: { bg: 'bg-cyan-700', path: 'M7.5 3 7 7H4v1.5h2.8l-.4 3H3.5V13h2.7L5.7 17h1.5l.5-4h3l-.5 4h1.5l.5-4H15v-1.5h-2.6l.4-3h2.7V7h-2.5l.5-4H12l-.5 4h-3l.5-4H7.5Zm.9 5.5h3l-.4 3H8l.4-3Z' },
  content: { bg: 'bg-slate-600', path: 'M3 3h14v14H3V3Zm2 2v2h10V5H5Zm0 4v1.5h10V9H5Zm0 3v1.5h7V12H5Z' },
};

/** A small coloured glyph for an activity type. */
export function TypeIcon({ type, size = 'md' }: { type: ActivityType; size?: 'sm' | 'md' }) {
  const s = STYLE[type];
  const box = size === 'sm' ? 'h-7 w-7' : 'h-9 w-9';
  return (
    <span className={`flex shrink-0 items-center justify-center rounded-lg text-white ${s.bg} ${box}`} aria-hidden="true">
      <svg viewBox="0 0 20 20" className={size === 'sm' ? 'h-4 w-4' : 'h-5 w-5'} fill="currentColor">
        <path d={s.path} />
      </svg>
    </span>
  );
}
