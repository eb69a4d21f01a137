import type { ContentActivity } from '../../types/activity';
import { ActivityImage } from '../ui/ActivityImage';
import { Markdown } from '../ui/Markdown';
import type { Tone } from './palette';

/** A content slide on the projector: its Markdown large, its image beside it (or alone, as large as fits). */
export function ContentView({ activity, tone = 'dark', fontSize = 32 }: { activity: ContentActivity; tone?: Tone; fontSize?: number }) {
  const body = (activity.body ?? '').trim();
  const image = activity.image_id;
  const text = tone === 'dark' ? 'text-white [&_a]:text-sky-300' : 'text-ink [&_a]:text-brand-700';
  return (
    <div className={`flex h-full w-full gap-[2em] ${image && body ? 'flex-row' : 'flex-col'}`} style={{ fontSize }} data-testid="content-slide">
      {body && <Markdown text={body} className={`min-w-0 flex-1 overflow-hidden leading-snug ${text}`} />}
      {image && (
        <div className={`flex min-h-0 min-w-0 items-center justify-center ${body ? 'w-[45%]' : 'flex-1'}`}>
          <ActivityImage imageId={image} alt={activity.title} size="display" />
        </div>
      )}
    </div>
  );
}
