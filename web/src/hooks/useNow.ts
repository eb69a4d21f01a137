import { useEffect, useState } from 'react';

/** The current time (plus an offset, e.g. the server clock's), re-rendered every `tick` ms. */
export function useNow(tick = 250, offsetMs = 0, enabled = true): number {
  const [now, setNow] = useState(() => Date.now() + offsetMs);
  useEffect(() => {
    setNow(Date.now() + offsetMs);
    if (!enabled) return;
    const id = setInterval(() => setNow(Date.now() + offsetMs), tick);
    return () => clearInterval(id);
  }, [tick, offsetMs, enabled]);
  return now;
}
