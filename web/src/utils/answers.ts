/** Pure helpers of the ranking and 100-points forms (kept apart so tests can hammer them). */

/** The list with the item at `from` moved to `to` (both clamped); every item stays exactly once. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  if (from < 0 || from >= out.length) return out;
  const dest = Math.max(0, Math.min(out.length - 1, to));
  const [item] = out.splice(from, 1);
  out.splice(dest, 0, item as T);
  return out;
}

/**
 * A saved ranking made to fit the options as they are now: known ids in their
 * saved order, then any option the saved one lacks; unknown and repeated ids dropped.
 */
export function rankingOrder(optionIds: readonly string[], saved: readonly string[] | undefined): string[] {
  const known = new Set(optionIds);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const id of saved ?? []) {
    if (known.has(id) && !seen.has(id)) {
      seen.add(id);
      out.push(id);
    }
  }
  for (const id of optionIds) if (!seen.has(id)) out.push(id);
  return out;
}

export function sumPoints(points: Readonly<Record<string, number>>): number {
  return Object.values(points).reduce((a, b) => a + b, 0);
}

/**
 * Gives `id` the points asked for, as a whole number from 0 up to what the
 * total still allows: the sum never passes `total`.
 */
export function setPoints(points: Readonly<Record<string, number>>, id: string, wanted: number, total: number): Record<string, number> {
  const others = sumPoints(points) - (points[id] ?? 0);
  const room = Math.max(0, total - others);
  const n = Number.isFinite(wanted) ? Math.max(0, Math.min(room, Math.floor(wanted))) : 0;
  return { ...points, [id]: n };
}

/** A number typed on a phone ("3,5" too), or null when it is not one. */
export function parseNumber(text: string): number | null {
  const t = text.trim().replace(/\s/g, '').replace(',', '.');
  if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}
