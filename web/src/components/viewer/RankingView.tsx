import type { PointsResults, RankingResults } from '../../types/activity';
import { S } from '../../strings/activityTypes';
import type { Tone } from './palette';
import { ValueBars } from './ValueBars';

interface Props {
  tone?: Tone;
  fontSize?: number;
}

const byPoints = <T extends { points: number }>(list: T[]) => [...list].sort((a, b) => b.points - a.points);

/** A ranking: bars by Borda points, best first, with each option's average rank. */
export function RankingView({ results, ...rest }: Props & { results: RankingResults }) {
  const rows = byPoints(results.options ?? []).map((o) => ({
    id: o.id,
    label: o.label,
    value: o.points,
    text: `${S.ranking.points(o.points)} · ${S.ranking.averageRank(o.average_rank)}`,
  }));
  return <ValueBars rows={rows} label={rows.map((r) => `${r.label}: ${r.text}`).join(', ')} {...rest} />;
}

/** 100 points: bars by the points given, with the average per participant. */
export function PointsView({ results, ...rest }: Props & { results: PointsResults }) {
  const rows = byPoints(results.options ?? []).map((o) => ({ id: o.id, label: o.label, value: o.points, text: S.points.bar(o.points, o.average) }));
  return <ValueBars rows={rows} label={rows.map((r) => `${r.label}: ${r.text}`).join(', ')} {...rest} />;
}
