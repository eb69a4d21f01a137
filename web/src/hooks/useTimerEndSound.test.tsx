import { renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Activity } from '../types/activity';
import { playTimerEnd, resetAudioForTests } from '../utils/timerSound';
import { useTimerEndSound } from './useTimerEndSound';

const T0 = Date.parse('2030-01-01T10:00:00Z');
let n = 0;

function poll(over: Partial<Activity> & { sound?: boolean; closesIn?: number }): Activity {
  const { sound = true, closesIn = 5000, ...rest } = over;
  return {
    id: `a${n}`,
    type: 'poll',
    title: 'Timed',
    status: 'open',
    position: 0,
    results_visible: false,
    options: [],
    settings: { multiple: false, max_choices: null, time_limit_s: 5, sound },
    opened_at: new Date(T0).toISOString(),
    closes_at: new Date(T0 + closesIn).toISOString(),
    ...rest,
  } as Activity;
}

beforeEach(() => {
  n++;
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('useTimerEndSound', () => {
  it('rings once at the deadline, also across polls of the same deadline', () => {
    const play = vi.fn();
    const a = poll({});
    const { rerender } = renderHook(({ act }) => useTimerEndSound(act, 0, play), { initialProps: { act: a } });
    vi.advanceTimersByTime(4900);
    expect(play).not.toHaveBeenCalled();
    vi.advanceTimersByTime(200);
    expect(play).toHaveBeenCalledTimes(1);
    // The next polls still say open with the same deadline: no second ring.
    rerender({ act: { ...a } });
    rerender({ act: { ...a, status: 'closed' } as Activity });
    rerender({ act: { ...a } });
    vi.advanceTimersByTime(10_000);
    expect(play).toHaveBeenCalledTimes(1);
  });

  it('follows the server clock and an extended deadline', () => {
    const play = vi.fn();
    const a = poll({});
    // The server is 2 s ahead of this device: 3 s left by its clock.
    const { rerender } = renderHook(({ act }) => useTimerEndSound(act, 2000, play), { initialProps: { act: a } });
    vi.advanceTimersByTime(2500);
    // extend_s: 30 moved the deadline before it rang.
    rerender({ act: { ...a, closes_at: new Date(T0 + 35_000).toISOString() } });
    vi.advanceTimersByTime(10_000);
    expect(play).not.toHaveBeenCalled();
    vi.advanceTimersByTime(25_000);
    expect(play).toHaveBeenCalledTimes(1);
  });

  it('is silent when off, when stopped early, and for a deadline already long past', () => {
    const play = vi.fn();
    renderHook(() => useTimerEndSound(poll({ sound: false }), 0, play));
    const { rerender } = renderHook(({ act }) => useTimerEndSound(act, 0, play), { initialProps: { act: poll({}) } });
    vi.advanceTimersByTime(2000);
    rerender({ act: { ...poll({}), status: 'closed' } as Activity });
    renderHook(() => useTimerEndSound(poll({ closesIn: -10_000 }), 0, play));
    vi.advanceTimersByTime(20_000);
    expect(play).not.toHaveBeenCalled();
  });
});

describe('playTimerEnd', () => {
  it('plays two tones with Web Audio', () => {
    resetAudioForTests();
    const started: number[] = [];
    const param = () => ({ setValueAtTime: vi.fn(), exponentialRampToValueAtTime: vi.fn() });
    class FakeContext {
      state = 'running';
      currentTime = 1;
      destination = {};
      resume = vi.fn(async () => undefined);
      createOscillator() {
        return { type: '', frequency: param(), connect: vi.fn(), start: (t: number) => started.push(t), stop: vi.fn() };
      }
      createGain() {
        return { gain: param(), connect: vi.fn() };
      }
    }
    vi.stubGlobal('AudioContext', FakeContext);
    expect(playTimerEnd()).toBe(true);
    expect(started).toHaveLength(2);
    vi.unstubAllGlobals();
    resetAudioForTests();
  });
});
