import { t } from '../../i18n';
import { ACTIVITY_LABELS } from '../../types/activity';
import { S } from '../../strings/activityTypes';
import { ActivityImage } from '../ui/ActivityImage';
import { Markdown } from '../ui/Markdown';
import { Countdown } from './Countdown';
import { NumericForm } from './NumericForm';
import { PointsForm } from './PointsForm';
import { RankingForm } from './RankingForm';
import { ScalesForm } from './ScalesForm';
import { OpenTextForm } from './OpenTextForm';
import { ParticipantResults } from './ParticipantResults';
import { PollForm } from './PollForm';
import { QnaPanel } from './QnaPanel';
import { QuizForm } from './QuizForm';
import { RatingForm } from './RatingForm';
import { WordCloudForm } from './WordCloudForm';
import type { AnswerFormProps } from './types';

/** The current activity on a phone: its question and the answer form of its type. */
export function ActivityAnswer(props: AnswerFormProps) {
  const { activity } = props;
  return (
    <article aria-labelledby="activity-title" className="animate-fade-up flex flex-col gap-5">
      <header>
        <p className="text-xs font-bold uppercase tracking-widest text-brand-700">{ACTIVITY_LABELS[activity.type]}</p>
        <h1 id="activity-title" dir="auto" className="mt-1 text-2xl font-extrabold leading-tight text-ink break-anywhere">
          {activity.title}
        </h1>
      </header>
      <ActivityImage imageId={activity.image_id} alt={activity.title} size="phone" />
      {activity.type === 'content' ? (
        <ContentBody body={activity.body ?? ''} />
      ) : (
        <>
          {activity.type !== 'quiz' && props.serverNow && <Countdown activity={activity} serverNow={props.serverNow} />}
          <ActivityBody {...props} />
          {activity.type !== 'quiz' && activity.type !== 'qna' && <ParticipantResults activity={activity} me={props.me} />}
        </>
      )}
    </article>
  );
}

/** A content slide: its Markdown, nothing to answer. */
function ContentBody({ body }: { body: string }) {
  return (
    <div className="flex flex-col gap-3">
      {body.trim() !== '' && <Markdown text={body} className="text-lg leading-relaxed text-ink" />}
      <p className="text-sm text-slate-600">{S.content.noAnswer}</p>
    </div>
  );
}

function ActivityBody(props: AnswerFormProps) {
  const { activity } = props;
  if (activity.status === 'draft') {
    return (
      <div role="status" className="rounded-2xl bg-brand-50 px-4 py-6 text-center ring-1 ring-brand-100">
        <p className="text-lg font-bold text-brand-900">{t('phone.getReady')}</p>
        <p className="text-brand-800">{t('phone.openSoon')}</p>
      </div>
    );
  }
  if (activity.status === 'closed' && activity.type !== 'qna' && activity.type !== 'quiz') {
    const answered = props.me?.answered_activity_ids.includes(activity.id);
    return (
      <div role="status" className="rounded-2xl bg-slate-100 px-4 py-4 text-center">
        <p className="text-lg font-bold text-slate-800">{t('phone.closed')}</p>
        <p className="text-slate-600">{answered ? t('phone.counted') : t('phone.waitNext')}</p>
      </div>
    );
  }
  return <AnswerForm {...props} />;
}

function AnswerForm(props: AnswerFormProps) {
  const a = props.activity;
  switch (a.type) {
    case 'poll':
      return <PollForm key={a.id} {...props} activity={a} />;
    case 'quiz':
      return <QuizForm key={a.id} {...props} activity={a} />;
    case 'word_cloud':
      return <WordCloudForm key={a.id} {...props} activity={a} />;
    case 'open_text':
      return <OpenTextForm key={a.id} {...props} activity={a} />;
    case 'rating':
      return <RatingForm key={a.id} {...props} activity={a} />;
    case 'qna':
      return <QnaPanel key={a.id} {...props} activity={a} />;
    case 'ranking':
      return <RankingForm key={a.id} {...props} activity={a} />;
    case 'scales':
      return <ScalesForm key={a.id} {...props} activity={a} />;
    case 'points':
      return <PointsForm key={a.id} {...props} activity={a} />;
    case 'numeric':
      return <NumericForm key={a.id} {...props} activity={a} />;
    case 'content':
      return null;
  }
}

