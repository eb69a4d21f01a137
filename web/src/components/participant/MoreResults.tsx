import { t } from '../../i18n';
import type { NumericActivity, NumericResults, PointsResults, RankingResults, ScalesResults } from '../../types/activity';
import type { Me } from '../../types/session';
import { S } from '../../strings/activityTypes';
import { formatNumber } from '../viewer/NumericView';

/** A ranking's or 100 points' options by points, as a phone shows them after the reveal. */
export function PhonePointsList({ results, kind }: { results: RankingResults | PointsResults; kind: 'ranking' | 'points' }) {
  return (
    <ol className="flex flex-col gap-1.5">
      {results.options.map((o, i) => (
        <li key={o.id} className="flex justify-between gap-3 text-sm font-semibold">
          <span className="break-anywhere">
            {i + 1}. {o.label}
          </span>
          <span className="shrink-0 tabular-nums text-slate-600">
            {kind === 'ranking' && 'average_rank' in o
              ? `${S.ranking.points(o.points)} · ${S.ranking.averageRank(o.average_rank)}`
              : S.points.bar(o.points, 'average' in o ? o.average : null)}
          </span>
        </li>
      ))}
    </ol>
  );
}

export function PhoneScalesList({ results }: { results: ScalesResults }) {
  return (
    <ul className="flex flex-col gap-1.5">
      {results.options.map((o) => (
        <li key={o.id} className="flex justify-between gap-3 text-sm font-semibold">
          <span className="break-anywhere">{o.label}</span>
          <span className="shrink-0 tabular-nums text-slate-600">{S.scales.averageOf(o.average, o.count)}</span>
        </li>
      ))}
    </ul>
  );
}

/** Mean and median, the right value once revealed, and this phone's verdict when it was scored. */
export function PhoneNumeric({ activity, results, me }: { activity: NumericActivity; results: NumericResults; me: Me | undefined }) {
  const unit = activity.settings.unit ?? '';
  const correct = activity.settings.correct;
  const mine = me?.quiz_results.find((r) => r.activity_id === activity.id);
  return (
    <div className="flex flex-col gap-2">
      {correct && (
        <p className="text-lg font-bold text-emerald-800">
          {S.numeric.correct}: {formatNumber(correct.value, unit)}
          {correct.tolerance > 0 && <span className="ms-1 text-sm font-semibold">{S.numeric.tolerance(correct.tolerance)}</span>}
        </p>
      )}
      {mine && (
        <p className={`font-semibold ${mine.correct ? 'text-emerald-800' : 'text-coral-800'}`}>
          {mine.correct ? t('quiz.correct') : t('quiz.wrong')} · {t('quiz.plusPoints', { count: mine.points })}
        </p>
      )}
      <p>
        {S.numeric.mean} <strong>{formatNumber(results.mean, unit)}</strong> · {S.numeric.median} <strong>{formatNumber(results.median, unit)}</strong> ·{' '}
        {t('count.answers', { count: results.count })}
      </p>
    </div>
  );
}
