import { t } from '../../i18n';
import type { Question } from '../../types/activity';
import type { Tone } from './palette';

interface QnaViewProps {
  questions: Question[];
  pinned: Question | null;
  tone?: Tone;
  max?: number;
  fontSize?: number;
}

function Votes({ n, dark, fontSize }: { n: number; dark: boolean; fontSize: number }) {
  return (
    <span
      className={`flex shrink-0 flex-col items-center justify-center rounded-xl px-3 py-1 font-extrabold tabular-nums ${dark ? 'bg-white/10 text-white' : 'bg-brand-50 text-brand-800'}`}
      style={{ fontSize: fontSize * 0.9, minWidth: fontSize * 3 }}
      aria-label={t('display.votes', { count: n })}
    >
      <svg viewBox="0 0 20 20" style={{ width: fontSize * 0.8, height: fontSize * 0.8 }} fill="currentColor" aria-hidden="true">
        <path d="M10 3 3 11h4.5v6h5v-6H17z" />
      </svg>
      {n}
    </span>
  );
}

/** The pinned question, big, and the most upvoted others. */
export function QnaView({ questions, pinned, tone = 'dark', max = 6, fontSize = 28 }: QnaViewProps) {
  const dark = tone === 'dark';
  const rest = questions.filter((q) => q.id !== pinned?.id && q.status !== 'hidden' && q.status !== 'pending').slice(0, max);
  return (
    <div className="flex h-full flex-col gap-6">
      {pinned && (
        <figure
          className={`animate-pop rounded-3xl p-8 shadow-2xl ${dark ? 'bg-white text-ink' : 'bg-brand-600 text-white'}`}
          aria-label={t('display.pinned')}
        >
          <figcaption className={`mb-3 text-sm font-bold uppercase tracking-widest ${dark ? 'text-coral-600' : 'text-brand-100'}`} style={{ fontSize: fontSize * 0.55 }}>
            {t('display.nowAnswering')}
          </figcaption>
          <blockquote className="font-bold leading-tight whitespace-pre-wrap break-anywhere" style={{ fontSize: fontSize * 1.5 }} dir="auto">
            {pinned.text}
          </blockquote>
          <p className={`mt-3 font-semibold ${dark ? 'text-slate-500' : 'text-brand-100'}`} style={{ fontSize: fontSize * 0.7 }}>
            ▲ {t('display.votes', { count: pinned.upvotes })}
          </p>
        </figure>
      )}
      {rest.length === 0 && !pinned && (
        <p className={dark ? 'text-white/60' : 'text-slate-500'} style={{ fontSize }}>
          {t('display.questionsHere')}
        </p>
      )}
      <ol className="flex flex-col gap-3" aria-label={t('display.topQuestions')}>
        {rest.map((q) => (
          <li
            key={q.id}
            className={`flex items-center gap-4 rounded-2xl px-5 py-3 ${dark ? 'bg-white/8 ring-1 ring-white/10' : 'bg-white ring-1 ring-slate-200'} ${
              q.status === 'answered' ? 'opacity-60' : ''
            }`}
          >
            <Votes n={q.upvotes} dark={dark} fontSize={fontSize} />
            <p className="min-w-0 flex-1 font-semibold leading-snug whitespace-pre-wrap break-anywhere" style={{ fontSize }} dir="auto">
              {q.text}
            </p>
            {q.status === 'answered' && (
              <span className="shrink-0 rounded-full bg-emerald-700 px-3 py-1 text-sm font-bold text-white">{t('qna.answered')}</span>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
