import { t } from '../../i18n';
import type { OpenTextResults } from '../../types/activity';
import type { Tone } from './palette';

const CARD_COLORS_DARK = ['bg-white/10', 'bg-brand-500/25', 'bg-coral-500/20', 'bg-emerald-400/15'];

/** A wall of the newest open-text answers (always rendered as text). */
export function OpenTextWall({ results, tone = 'dark', max = 24, fontSize = 26 }: { results: OpenTextResults; tone?: Tone; max?: number; fontSize?: number }) {
  const answers = results.answers.slice(0, max);
  const dark = tone === 'dark';
  if (answers.length === 0) {
    return <p className={dark ? 'text-white/60' : 'text-slate-500'} style={{ fontSize }}>{t('display.answersHere')}</p>;
  }
  return (
    <ul className="columns-1 gap-4 sm:columns-2 xl:columns-3" aria-label={t('display.answers')}>
      {answers.map((a, i) => (
        <li
          key={a.id}
          className={`animate-pop mb-4 break-inside-avoid rounded-2xl px-5 py-4 leading-snug whitespace-pre-wrap break-anywhere ${
            dark ? `${CARD_COLORS_DARK[i % CARD_COLORS_DARK.length]} text-white ring-1 ring-white/10` : 'bg-slate-50 text-ink ring-1 ring-slate-200'
          }`}
          style={{ fontSize }}
          dir="auto"
        >
          {a.text}
        </li>
      ))}
    </ul>
  );
}
