import { useRef, useState, type PointerEvent } from 'react';
import { activityApi } from '../../services/activityApi';
import { answerStore } from '../../services/storage';
import { useSubmit } from '../../hooks/useSubmit';
import type { Option, RankingActivity } from '../../types/activity';
import { moveItem, rankingOrder } from '../../utils/answers';
import { S } from '../../strings/activityTypes';
import { Button } from '../ui/Button';
import { ActivityImage } from '../ui/ActivityImage';
import { FieldError } from '../ui/Field';
import { AnswerIn } from './AnswerIn';
import { SendStatus } from './SendStatus';
import type { AnswerFormProps } from './types';

/** Put every option in order, best first (drag a row, or its arrows), then send; it may change while open. */
export function RankingForm({ activity, sessionId, token, participantId, me, onAnswered }: AnswerFormProps<RankingActivity>) {
  const ids = activity.options.map((o) => o.id);
  const [saved] = useState(() => answerStore.get(participantId, activity.id)?.option_ids);
  const [order, setOrder] = useState<string[]>(() => rankingOrder(ids, saved));
  const [sent, setSent] = useState<string[] | null>(saved ? rankingOrder(ids, saved) : null);
  const [said, setSaid] = useState('');
  const answered = sent !== null || (me?.answered_activity_ids.includes(activity.id) ?? false);
  const byId = new Map(activity.options.map((o) => [o.id, o]));
  const current = rankingOrder(ids, order);

  const { submit, status, errors, retryMessage } = useSubmit(
    (optionIds: string[]) => activityApi.respond(sessionId, activity.id, token, { option_ids: optionIds }),
    {
      knownField: (f) => f === 'option_ids' || f.startsWith('option_ids['),
      onSuccess: (_r, optionIds) => {
        setSent(optionIds);
        answerStore.set(participantId, activity.id, { option_ids: optionIds });
        onAnswered();
      },
    },
  );

  const move = (from: number, to: number) => {
    const next = moveItem(current, from, to);
    setOrder(next);
    const id = current[from];
    const o = id ? byId.get(id) : undefined;
    if (o && from !== to) setSaid(S.ranking.moved(o.label, next.indexOf(o.id) + 1));
  };

  // Dragging by the handle: pointer events, so fingers and mice alike.
  const list = useRef<HTMLOListElement>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const onPointerDown = (e: PointerEvent<HTMLElement>, id: string) => {
    e.preventDefault();
    e.currentTarget.setPointerCapture?.(e.pointerId);
    setDragging(id);
  };
  const onPointerMove = (e: PointerEvent<HTMLElement>) => {
    if (!dragging || !list.current) return;
    const rows = Array.from(list.current.children) as HTMLElement[];
    let to = rows.length - 1;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!.getBoundingClientRect();
      if (e.clientY < r.top + r.height / 2) {
        to = i;
        break;
      }
    }
    const from = current.indexOf(dragging);
    if (from >= 0 && to !== from) move(from, to);
  };
  const endDrag = () => setDragging(null);

  const dirty = sent === null || sent.join() !== current.join();
  const optionError = errors.fields['option_ids'] ?? Object.entries(errors.fields).find(([k]) => k.startsWith('option_ids['))?.[1];

  return (
    <div className="flex flex-col gap-4">
      {answered && !dirty && status !== 'sending' && status !== 'retrying' && <AnswerIn>{S.ranking.answered}</AnswerIn>}
      <p className="text-sm text-slate-600">{S.ranking.hint}</p>
      <ol ref={list} aria-label={activity.title} className="flex flex-col gap-2.5" data-testid="ranking-list">
        {current.map((id, i) => {
          const o = byId.get(id);
          return o ? (
            <RankRow
              key={id}
              option={o}
              place={i + 1}
              first={i === 0}
              last={i === current.length - 1}
              dragging={dragging === id}
              disabled={status === 'sending'}
              onUp={() => move(i, i - 1)}
              onDown={() => move(i, i + 1)}
              onPointerDown={(e) => onPointerDown(e, id)}
              onPointerMove={onPointerMove}
              onPointerUp={endDrag}
            />
          ) : null;
        })}
      </ol>
      <p className="sr-only" aria-live="polite">
        {said}
      </p>
      <Button size="lg" block className="sticky bottom-3 shadow-lg" busy={status === 'sending'} disabled={!dirty} onClick={() => submit(current)}>
        {answered ? S.ranking.update : S.ranking.send}
      </Button>
      <FieldError message={optionError} />
      <SendStatus status={status} retryMessage={retryMessage} general={errors.general} />
    </div>
  );
}

interface RankRowProps {
  option: Option;
  place: number;
  first: boolean;
  last: boolean;
  dragging: boolean;
  disabled: boolean;
  onUp: () => void;
  onDown: () => void;
  onPointerDown: (e: PointerEvent<HTMLElement>) => void;
  onPointerMove: (e: PointerEvent<HTMLElement>) => void;
  onPointerUp: () => void;
}

function RankRow({ option, place, first, last, dragging, disabled, onUp, onDown, ...drag }: RankRowProps) {
  const arrow = 'flex h-11 w-11 items-center justify-center rounded-xl text-xl font-bold text-brand-800 ring-1 ring-inset ring-slate-300 hover:bg-brand-50 disabled:text-slate-300';
  return (
    <li
      data-testid="ranking-row"
      className={`flex items-center gap-2 rounded-2xl border-2 bg-white px-2 py-2 transition ${dragging ? 'border-brand-500 shadow-lg' : 'border-slate-200'}`}
    >
      <span
        aria-hidden="true"
        className="flex h-11 w-8 shrink-0 cursor-grab touch-none select-none items-center justify-center text-2xl text-slate-500 active:cursor-grabbing"
        onPointerDown={drag.onPointerDown}
        onPointerMove={drag.onPointerMove}
        onPointerUp={drag.onPointerUp}
        onPointerCancel={drag.onPointerUp}
        data-testid="ranking-handle"
      >
        ⠿
      </span>
      <span className="w-7 shrink-0 text-center text-lg font-extrabold tabular-nums text-brand-700">{S.ranking.place(place)}</span>
      <ActivityImage imageId={option.image_id} alt={option.label} size="thumb" />
      <span className="min-w-0 flex-1 text-lg font-semibold text-ink break-anywhere">{option.label}</span>
      <button type="button" className={arrow} disabled={disabled || first} onClick={onUp} aria-label={S.ranking.moveUp(option.label)}>
        <span aria-hidden="true">↑</span>
      </button>
      <button type="button" className={arrow} disabled={disabled || last} onClick={onDown} aria-label={S.ranking.moveDown(option.label)}>
        <span aria-hidden="true">↓</span>
      </button>
    </li>
  );
}
