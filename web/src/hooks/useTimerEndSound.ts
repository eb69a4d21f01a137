import { useEffect } from 'react';
import type { Activity } from '../types/activity';
import { playTimerEnd, unlockAudio } from '../utils/timerSound';

/** Deadlines already rung, as "activity id@closes_at": once per deadline, also across re-renders and polls. */
const rung = new Set<string>();

/** How late a deadline may be noticed and still ring (a tab that slept longer stays quiet). */
const LATE_MS = 1500;

/**
 * Rings the end-of-timer sound on the display when the activity on screen
 * has `settings.sound` and its countdown (the server's `closes_at`, on the
 * server's clock: `serverOffsetMs`) runs out: once per deadline. Adding
 * time moves the deadline (a new one rings); stopping the activity early
 * rings nothing.
 */
export function useTimerEndSound(activity: Activity | null, serverOffsetMs: number, play: () => void = playTimerEnd): void {
  const sound = !!activity && activity.type !== 'qna' && !!activity.settings.sound;
  const closesAt = activity?.status === 'open' ? (activity.closes_at ?? null) : null;
  const id = activity?.id ?? null;

  // Browsers allow sound after a gesture on the page: take the first one.
  useEffect(() => {
    if (!sound) return;
    const unlock = () => unlockAudio();
    window.addEventListener('pointerdown', unlock, { once: true });
    window.addEventListener('keydown', unlock, { once: true });
    return () => {
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
    };
  }, [sound]);

  useEffect(() => {
    if (!sound || !closesAt || !id) return;
    const deadline = Date.parse(closesAt);
    if (Number.isNaN(deadline)) return;
    const key = `${id}@${closesAt}`;
    if (rung.has(key)) return;
    const wait = deadline - (Date.now() + serverOffsetMs);
    if (wait < -LATE_MS) return;
    const t = setTimeout(() => {
      if (rung.has(key)) return;
      rung.add(key);
      if (rung.size > 200) rung.delete(rung.values().next().value as string);
      play();
    }, Math.max(0, wait));
    return () => clearTimeout(t);
  }, [sound, closesAt, id, serverOffsetMs, play]);
}
