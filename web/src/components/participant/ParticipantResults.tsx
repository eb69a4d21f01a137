import { formatDecimal, formatNumber, formatPercent } from '../../i18n/format';
import { t } from '../../i18n';
import type {
  Activity,
  ChoiceResults,
  NumericResults,
  OpenTextResults,
  PointsResults,
  RankingResults,
  RatingResults,
  ScalesResults,
  WordCloudResults,
} from '../../types/activity';
import type { Me } from '../../types/session';
import { PhoneNumeric, PhonePointsList, PhoneScalesList } from './MoreResults';
import { percent } from '../../utils/format';
import { CHOICE_COLORS } from './ChoiceButton';

/** The results a phone shows once the organizer reveals them. */
export function ParticipantResults({ activity, me }: { activity: Activity; me?: Me | undefined }) {
  if (!activity.results_visible || !activity.results) return null;
  return (
    <section aria-labelledby="results-title" className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h3 id="results-title" className="mb-3 text-sm font-bold uppercase tracking-wide text-slate-500">
        {t('results.title')}
      </h3>
      <ResultsBody activity={activity} me={me} />
    </section>
  );
}

function ResultsBody({ activity, me }: { activity: Activity; me: Me | undefined }) {
  switch (activity.type) {
    case 'poll':
    case 'quiz': {
      const r = activity.results as ChoiceResults;
      const correct = new Set(activity.options.filter((o) => o.correct).map((o) => o.id));
      return (
        <ul className="flex flex-col gap-2.5">
          {r.options.map((o, i) => {
            const pct = percent(o.count, r.total_responses);
            const right = o.correct ?? correct.has(o.id);
            return (
              <li key={o.id}>
                <div className="mb-1 flex justify-between gap-3 text-sm font-semibold">
                  <span className="break-anywhere">
                    {o.label}
                    {activity.type === 'quiz' && right && <span className="ms-2 text-emerald-700">✓ {t('quiz.rightAnswerLower')}</span>}
                  </span>
                  <span className="shrink-0 tabular-nums text-slate-600">
                    {formatNumber(o.count)} · {formatPercent(pct)}
                  </span>
                </div>
                <div className="h-3 overflow-hidden rounded-full bg-slate-100">
                  <div
                    className="h-full rounded-full transition-[width] duration-700"
                    style={{ width: `${pct}%`, backgroundColor: CHOICE_COLORS[i % CHOICE_COLORS.length] }}
                  />
                </div>
              </li>
            );
          })}
        </ul>
      );
    }
    case 'word_cloud': {
      const r = activity.results as WordCloudResults;
      return (
        <ul className="flex flex-wrap gap-2">
          {r.words.slice(0, 15).map((w) => (
            <li key={w.text} className="rounded-full bg-brand-50 px-3 py-1 font-semibold text-brand-900 break-anywhere">
              {w.text} <span className="text-brand-600">×{formatNumber(w.count)}</span>
            </li>
          ))}
        </ul>
      );
    }
    case 'rating': {
      const r = activity.results as RatingResults;
      return (
        <p className="text-lg">
          {t('rating.average')} <strong className="text-2xl">{r.average !== null ? formatDecimal(r.average) : '–'}</strong> {t('rating.from', { count: r.count })}
        </p>
      );
    }
    case 'open_text': {
      const r = activity.results as OpenTextResults;
      return <p>{t('results.soFar', { count: r.total_responses })}</p>;
    }
    case 'ranking':
      return <PhonePointsList results={activity.results as RankingResults} kind="ranking" />;
    case 'points':
      return <PhonePointsList results={activity.results as PointsResults} kind="points" />;
    case 'scales':
      return <PhoneScalesList results={activity.results as ScalesResults} />;
    case 'numeric':
      return <PhoneNumeric activity={activity} results={activity.results as NumericResults} me={me} />;
    default:
      return null;
  }
}
