import { intlLocale } from './index';

/** 1234.5 → "1,234.5" / "1.234,5" in the active language. */
export function formatNumber(n: number, opts?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(intlLocale(), opts).format(n);
}

/** A whole percentage (0–100) → "42 %" / "42%" in the active language. */
export function formatPercent(pct: number): string {
  return new Intl.NumberFormat(intlLocale(), { style: 'percent', maximumFractionDigits: 0 }).format(pct / 100);
}

/** One decimal: averages and ratings. */
export function formatDecimal(n: number, digits = 1): string {
  return new Intl.NumberFormat(intlLocale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

export function formatDateTime(iso: string | Date, opts: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(intlLocale(), opts).format(d);
}

export function formatTime(iso: string | Date): string {
  return formatDateTime(iso, { timeStyle: 'short' });
}
