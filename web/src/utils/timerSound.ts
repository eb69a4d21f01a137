/**
 * The display's end-of-timer sound, made with the Web Audio API (no audio
 * file): two short bell-like tones. Browsers start an AudioContext
 * suspended until the page has had a click or a key press, so the context is
 * made (and resumed) on the first such gesture; a display nobody touched
 * plays nothing.
 */
type AudioCtor = typeof AudioContext;

let ctx: AudioContext | null = null;

function audioCtor(): AudioCtor | null {
  if (typeof window === 'undefined') return null;
  const w = window as unknown as { AudioContext?: AudioCtor; webkitAudioContext?: AudioCtor };
  return w.AudioContext ?? w.webkitAudioContext ?? null;
}

/** The shared context, made on first use; null without Web Audio. */
export function audioContext(): AudioContext | null {
  if (ctx) return ctx;
  const Ctor = audioCtor();
  if (!Ctor) return null;
  try {
    ctx = new Ctor();
  } catch {
    return null;
  }
  return ctx;
}

/** Resumes the context: call from a click or key press. */
export function unlockAudio(): void {
  const c = audioContext();
  if (c && c.state === 'suspended') void c.resume().catch(() => undefined);
}

/** Plays the end-of-timer sound; false when there is no way to. */
export function playTimerEnd(): boolean {
  const c = audioContext();
  if (!c) return false;
  if (c.state === 'suspended') void c.resume().catch(() => undefined);
  const t0 = c.currentTime + 0.02;
  for (const [i, freq] of [880, 660].entries()) {
    const start = t0 + i * 0.35;
    const osc = c.createOscillator();
    const gain = c.createGain();
    osc.type = 'sine';
    osc.frequency.setValueAtTime(freq, start);
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.5, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.6);
    osc.connect(gain);
    gain.connect(c.destination);
    osc.start(start);
    osc.stop(start + 0.65);
  }
  return true;
}

/** For tests: forget the context. */
export function resetAudioForTests(): void {
  ctx = null;
}
