import { t } from '../i18n';
import { useEffect, useRef } from 'react';

/** What a presenter's key does, on the dashboard and on the display. */
export type ShortcutAction = 'next' | 'previous' | 'toggleOpen' | 'reveal' | 'hide' | 'qr' | 'fullscreen' | 'help';

/** The shortcuts, in the order the `?` dialog lists them. */
export const SHORTCUTS: { action: ShortcutAction; keys: string[]; label: string }[] = [
  { action: 'next', keys: ['→'], get label() { return t('shortcuts.next'); } },
  { action: 'previous', keys: ['←'], get label() { return t('shortcuts.previous'); } },
  { action: 'toggleOpen', keys: ['Space'], get label() { return t('shortcuts.toggleOpen'); } },
  { action: 'reveal', keys: ['R'], get label() { return t('shortcuts.reveal'); } },
  { action: 'hide', keys: ['H'], get label() { return t('shortcuts.hide'); } },
  { action: 'qr', keys: ['Q'], get label() { return t('shortcuts.qr'); } },
  { action: 'fullscreen', keys: ['F'], get label() { return t('shortcuts.fullscreen'); } },
  { action: 'help', keys: ['?'], get label() { return t('shortcuts.help'); } },
];

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
/** Elements that take Space themselves (a focused button is pressed by it). */
const TAKES_SPACE = new Set(['BUTTON', 'A', 'SUMMARY', 'INPUT', 'TEXTAREA', 'SELECT']);

/** Whether the key goes to a field being typed in. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (TYPING.has(target.tagName)) return true;
  const h = target as HTMLElement;
  return h.isContentEditable || target.closest('[contenteditable=""],[contenteditable="true"]') !== null;
}

/**
 * The action of a keydown, or null: nothing while typing in a field, with
 * Ctrl, Alt or Meta held (the browser's own shortcuts), for a repeat of a
 * held key, while a modal dialog is open (its keys are its own), or for
 * Space on an element that Space presses.
 */
export function shortcutFor(e: KeyboardEvent): ShortcutAction | null {
  if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey || e.repeat) return null;
  if (isTypingTarget(e.target)) return null;
  if (typeof document !== 'undefined' && document.querySelector('[role="dialog"][aria-modal="true"]')) return null;
  switch (e.key) {
    case 'ArrowRight':
    case 'PageDown': // presentation clickers send PageDown / PageUp
      return 'next';
    case 'ArrowLeft':
    case 'PageUp':
      return 'previous';
    case ' ':
    case 'Spacebar':
      if (e.target instanceof Element && (TAKES_SPACE.has(e.target.tagName) || e.target.closest('[role="button"],[role="switch"],[role="checkbox"]'))) return null;
      return 'toggleOpen';
    case 'r':
    case 'R':
      return 'reveal';
    case 'h':
    case 'H':
      return 'hide';
    case 'q':
    case 'Q':
      return 'qr';
    case 'f':
    case 'F':
      return 'fullscreen';
    case '?':
      return 'help';
    default:
      return null;
  }
}

/**
 * Calls the handler of each presenter shortcut pressed on the page. Keys
 * without a handler are left alone; handled ones are not passed on (Space
 * would scroll).
 */
export function usePresenterKeys(handlers: Partial<Record<ShortcutAction, () => void>>, enabled = true): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutFor(e);
      const fn = action ? ref.current[action] : undefined;
      if (!fn) return;
      e.preventDefault();
      fn();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
