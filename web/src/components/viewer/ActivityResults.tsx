import { t } from '../../i18n';
import type {
  Activity,
  ChoiceResults,
  NumericResults,
  OpenTextResults,
  PointsResults,
  Question,
  RankingResults,
  RatingResults,
  ScalesResults,
  WordCloudResults,
} from '../../types/activity';
import { S } from '../../strings/activityTypes';
import { ContentView } from './ContentView';
import { NumericView } from './NumericView';
import { PointsView, RankingView } from './RankingView';
import { ScalesView } from './ScalesView';
import { ChoiceBars } from './ChoiceBars';
import { OpenTextWall } from './OpenTextWall';
import { QnaView } from './QnaView';
import { RatingView } from './RatingView';
import { WordCloudView } from './WordCloudView';
import type { Tone } from './palette';

interface ActivityResultsProps {
  activity: Activity;
  tone?: Tone;
  /** Base text size, px. */
  fontSize?: number;
  pinned?: Question | null;
  /** Highlight the right answers of a quiz. */
  showCorrect?: boolean;
}

/** Live results of any activity type, for the projector (dark) or the dashboard (light). */
export function ActivityResults({ activity, tone = 'dark', fontSize = 28, pinned = null, showCorrect = false }: ActivityResultsProps) {
  const muted = tone === 'dark' ? 'text-white/60' : 'text-slate-500';
  if (resultsWithheld(activity)) {
    return (
      <p className={muted} style={{ fontSize }} data-testid="results-withheld">
        {t('display.withheld')}
      </p>
    );
  }
  switch (activity.type) {
    case 'poll':
    case 'quiz': {
      const r = activity.results as ChoiceResults | null | undefined;
      if (!r) return <p className={muted}>{t('display.noResults')}</p>;
      const correct = showCorrect && activity.type === 'quiz' ? new Set(activity.options.filter((o) => o.correct).map((o) => o.id)) : null;
      // The dashboard grows with the options; the projector fits them into the screen.
      return (
        <div className={tone === 'light' ? 'w-full' : 'h-full w-full'} style={tone === 'light' ? undefined : { minHeight: 120 }}>
          <ChoiceBars
            results={r}
            correctIds={correct && correct.size > 0 ? correct : null}
            tone={tone}
            fontSize={fontSize}
            fit={tone === 'dark'}
            images={optionImages(activity.options)}
          />
        </div>
      );
    }
    case 'word_cloud': {
      const r = activity.results as WordCloudResults | null | undefined;
      if (!r || r.words.length === 0) return <p className={muted} style={{ fontSize }}>{t('display.wordsHere')}</p>;
      return (
        <div className="h-full min-h-64 w-full">
          <WordCloudView results={r} tone={tone} />
        </div>
      );
    }
    case 'rating': {
      const r = activity.results as RatingResults | null | undefined;
      if (!r) return <p className={muted}>{t('display.noRatings')}</p>;
      return (
        <div className="h-full min-h-64 w-full">
          <RatingView results={r} settings={activity.settings} tone={tone} fontSize={fontSize} />
        </div>
      );
    }
    case 'open_text': {
      const r = activity.results as OpenTextResults | null | undefined;
      if (!r) return <p className={muted}>{t('results.noneYet')}</p>;
      return <OpenTextWall results={r} tone={tone} fontSize={tone === 'dark' ? fontSize * 1.05 : fontSize} />;
    }
    case 'qna': {
      const questions = activity.questions ?? [];
      const visible = questions.filter((q) => q.status === 'approved' || q.status === 'answered');
      const pin = pinned ?? visible.find((q) => q.pinned) ?? null;
      return <QnaView questions={visible} pinned={pin} tone={tone} fontSize={fontSize} />;
    }
    case 'ranking': {
      const r = activity.results as RankingResults | null | undefined;
      if (!r?.options) return <p className={muted} style={{ fontSize }}>{S.results.noneYet}</p>;
      return <RankingView results={r} tone={tone} fontSize={fontSize} />;
    }
    case 'points': {
      const r = activity.results as PointsResults | null | undefined;
      if (!r?.options) return <p className={muted} style={{ fontSize }}>{S.results.noneYet}</p>;
      return <PointsView results={r} tone={tone} fontSize={fontSize} />;
    }
    case 'scales': {
      const r = activity.results as ScalesResults | null | undefined;
      if (!r?.options) return <p className={muted} style={{ fontSize }}>{S.results.noneYet}</p>;
      return <ScalesView results={r} settings={activity.settings} tone={tone} fontSize={fontSize} />;
    }
    case 'numeric': {
      const r = activity.results as NumericResults | null | undefined;
      if (!r?.histogram) return <p className={muted} style={{ fontSize }}>{S.numeric.none}</p>;
      return (
        <div className="h-full min-h-64 w-full">
          <NumericView results={r} settings={activity.settings} tone={tone} fontSize={fontSize} />
        </div>
      );
    }
    case 'content':
      return <ContentView activity={activity} tone={tone} fontSize={tone === 'dark' ? fontSize * 1.2 : fontSize} />;
  }
}

/**
 * Whether the server withheld an activity's results (settings.results
 * on_reveal before the reveal): its results carry the response count only.
 */
export function resultsWithheld(activity: Activity): boolean {
  if (activity.type === 'qna' || activity.type === 'content' || activity.results_visible) return false;
  const r = activity.results as Record<string, unknown> | null | undefined;
  if (!r) return false;
  if (activity.type === 'rating') return !('distribution' in r);
  if (activity.type === 'numeric') return !('histogram' in r);
  return !('options' in r) && !('words' in r) && !('answers' in r);
}

/** "12 responses" for any type. */
export function responseCount(activity: Activity): number {
  const r = activity.results;
  if (!r) return activity.type === 'qna' ? (activity.questions?.length ?? 0) : 0;
  if ('total_responses' in r && r.total_responses !== undefined) return r.total_responses;
  if ('count' in r) return r.count;
  if ('total_questions' in r) return r.total_questions;
  return 0;
}

/** The options' images by option id (none: undefined). */
function optionImages(options: { id: string; image_id?: string | null }[]): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const o of options) if (o.image_id) out[o.id] = o.image_id;
  return Object.keys(out).length > 0 ? out : undefined;
}
