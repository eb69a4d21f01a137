import { useState } from 'react';
import { useFullscreen } from '../../hooks/useFullscreen';
import { usePresenterKeys, type ShortcutAction } from '../../hooks/usePresenterKeys';
import { ShortcutsDialog } from './ShortcutsDialog';

export type PresenterHandlers = Partial<Record<Exclude<ShortcutAction, 'fullscreen' | 'help'>, () => void>>;

/**
 * The presenter's keyboard: the given handlers, plus F (full screen) and ?
 * (the list of shortcuts, an accessible dialog).
 */
export function PresenterKeys({ handlers, note }: { handlers: PresenterHandlers; note?: string }) {
  const [help, setHelp] = useState(false);
  const fullscreen = useFullscreen();
  usePresenterKeys({ ...handlers, fullscreen: fullscreen.toggle, help: () => setHelp(true) });
  const available = (Object.keys(handlers) as ShortcutAction[]).concat(fullscreen.supported ? ['fullscreen', 'help'] : ['help']);
  return <ShortcutsDialog open={help} onClose={() => setHelp(false)} available={available} {...(note ? { note } : {})} />;
}
