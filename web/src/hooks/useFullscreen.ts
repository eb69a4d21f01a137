import { useCallback, useEffect, useState } from 'react';

/** The Fullscreen API for the projector page. */
export function useFullscreen(): { active: boolean; supported: boolean; toggle: () => void } {
  const supported = typeof document !== 'undefined' && !!document.documentElement.requestFullscreen;
  const [active, setActive] = useState(() => typeof document !== 'undefined' && !!document.fullscreenElement);
  useEffect(() => {
    const on = () => setActive(!!document.fullscreenElement);
    document.addEventListener('fullscreenchange', on);
    return () => document.removeEventListener('fullscreenchange', on);
  }, []);
  const toggle = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen?.();
    else void document.documentElement.requestFullscreen?.().catch(() => undefined);
  }, []);
  return { active, supported, toggle };
}
