import { t } from '../../i18n';
import { useEffect, useRef, useState } from 'react';

interface Floater {
  id: number;
  emoji: string;
  left: number;
  delay: number;
}

/** How many emoji float up per poll at most, however many came. */
const MAX_PER_UPDATE = 24;

/**
 * Floats reactions up the screen: what the totals grew by since the last
 * poll (the first totals seen only set the baseline).
 */
export function FloatingReactions({ activityId, reactions }: { activityId: string | null; reactions: Record<string, number> | undefined }) {
  const last = useRef<{ id: string | null; counts: Record<string, number> } | null>(null);
  const next = useRef(0);
  const [floaters, setFloaters] = useState<Floater[]>([]);

  useEffect(() => {
    const counts = reactions ?? {};
    const prev = last.current;
    last.current = { id: activityId, counts };
    if (!prev || prev.id !== activityId) return;
    const add: Floater[] = [];
    for (const [emoji, n] of Object.entries(counts)) {
      const grew = Math.min(MAX_PER_UPDATE, Math.max(0, n - (prev.counts[emoji] ?? 0)));
      for (let i = 0; i < grew && add.length < MAX_PER_UPDATE; i++) {
        add.push({ id: next.current++, emoji, left: 5 + Math.random() * 90, delay: Math.random() * 1.5 });
      }
    }
    if (add.length === 0) return;
    setFloaters((f) => [...f.slice(-60), ...add]);
    const ids = new Set(add.map((a) => a.id));
    const timer = setTimeout(() => setFloaters((f) => f.filter((x) => !ids.has(x.id))), 5000);
    return () => clearTimeout(timer);
  }, [activityId, reactions]);

  return (
    <div className="pointer-events-none fixed inset-0 z-40 overflow-hidden" aria-hidden="true" data-testid="floating-reactions">
      {floaters.map((f) => (
        <span key={f.id} className="caja-float absolute bottom-0 text-[4vw]" style={{ left: `${f.left}%`, animationDelay: `${f.delay}s` }}>
          {f.emoji}
        </span>
      ))}
    </div>
  );
}

/** The totals as a small row ("👍 12 ❤️ 3"). */
export function ReactionTotals({ reactions, className = '' }: { reactions: Record<string, number> | undefined; className?: string }) {
  const entries = Object.entries(reactions ?? {}).filter(([, n]) => n > 0);
  if (entries.length === 0) return null;
  return (
    <p className={`flex flex-wrap gap-3 ${className}`} aria-label={t('reactions.label')}>
      {entries.map(([e, n]) => (
        <span key={e}>
          {e} <span className="font-bold tabular-nums">{n}</span>
        </span>
      ))}
    </p>
  );
}
