/** Bar and word colours that stay distinct on a washed-out projector. */
export const DARK_PALETTE = ['#9b7bff', '#ff6a45', '#2fd4b4', '#ffc53d', '#4cb2ff', '#ff6bb0', '#a6e13b', '#ff9a3d'];
export const LIGHT_PALETTE = ['#6128f5', '#eb4a23', '#0f9f86', '#d99100', '#1d7fd6', '#d63a83', '#5b8a0f', '#c2560c'];

/** Fills under white text (quiz tiles, phone options): each at least 4.5:1 against white. */
export const SOLID_PALETTE = ['#6128f5', '#c2410c', '#0f766e', '#a15c07', '#1d62b5', '#be185d', '#4d7c0f', '#9a3412'];

export type Tone = 'dark' | 'light';

export function palette(tone: Tone): string[] {
  return tone === 'dark' ? DARK_PALETTE : LIGHT_PALETTE;
}

export function colorAt(tone: Tone, i: number): string {
  const p = palette(tone);
  return p[i % p.length]!;
}
