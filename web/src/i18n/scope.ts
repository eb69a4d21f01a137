import { useEffect } from 'react';
import { applyLanguage, browserLanguage, isLanguage, type Language } from './index';

/** Who is looking: each keeps its own choice. */
export type LanguageScope = 'phone' | 'dashboard' | 'display';

const KEYS: Record<Exclude<LanguageScope, 'display'>, string> = {
  phone: 'caja.language.phone',
  dashboard: 'caja.language.dashboard',
};

function read(key: string): Language | null {
  try {
    const v = window.localStorage.getItem(key);
    return isLanguage(v) ? v : null;
  } catch {
    return null;
  }
}

/** The language chosen with a switcher in this browser, if any. */
export function storedLanguage(scope: LanguageScope): Language | null {
  return scope === 'display' ? null : read(KEYS[scope]);
}

/** Remembers a switcher's choice (phones: the join screen's; the dashboard's own). */
export function storeLanguage(scope: LanguageScope, lang: Language): void {
  if (scope === 'display') return;
  try {
    window.localStorage.setItem(KEYS[scope], lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

/** Which scope a path belongs to. */
export function scopeOf(path: string): LanguageScope {
  if (path.startsWith('/admin')) return 'dashboard';
  if (path.startsWith('/display')) return 'display';
  return 'phone';
}

/**
 * The language a screen shows: the display the session's `settings.language`
 * (else the browser's); phones and the dashboard their switcher's choice, else
 * the browser's.
 */
export function chooseLanguage(scope: LanguageScope, sessionLanguage?: unknown): Language {
  if (scope === 'display' && isLanguage(sessionLanguage)) return sessionLanguage;
  return storedLanguage(scope) ?? browserLanguage();
}

/** Puts a page in its scope's language (and keeps it there as the session's setting changes). */
export function useLanguageScope(scope: LanguageScope, sessionLanguage?: unknown): void {
  useEffect(() => {
    applyLanguage(chooseLanguage(scope, sessionLanguage));
  }, [scope, sessionLanguage]);
}
