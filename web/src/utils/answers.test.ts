import { describe, expect, it } from 'vitest';
import { moveItem, parseNumber, rankingOrder, setPoints, sumPoints } from './answers';

describe('moveItem', () => {
  it('keeps every option exactly once, whatever moves are made', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    for (let from = -1; from <= ids.length; from++) {
      for (let to = -2; to <= ids.length + 1; to++) {
        const out = moveItem(ids, from, to);
        expect([...out].sort()).toEqual(ids);
      }
    }
    let list = [...ids];
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let i = 0; i < 500; i++) {
      list = moveItem(list, rnd(7) - 1, rnd(9) - 2);
      expect(new Set(list).size).toBe(ids.length);
      expect([...list].sort()).toEqual(ids);
    }
  });

  it('moves an item to its new place', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 1, 9)).toEqual(['a', 'c', 'b']);
  });
});

describe('rankingOrder', () => {
  it('fits a saved order to the options: unknown and repeated ids dropped, missing ones appended', () => {
    expect(rankingOrder(['a', 'b', 'c'], ['c', 'x', 'c', 'a'])).toEqual(['c', 'a', 'b']);
    expect(rankingOrder(['a', 'b'], undefined)).toEqual(['a', 'b']);
  });
});

describe('setPoints', () => {
  it('never lets the sum pass the total, nor a share go below 0 or be a fraction', () => {
    let p: Record<string, number> = { a: 0, b: 0, c: 0 };
    p = setPoints(p, 'a', 70, 100);
    p = setPoints(p, 'b', 50, 100);
    expect(p).toEqual({ a: 70, b: 30, c: 0 });
    p = setPoints(p, 'c', 5, 100);
    expect(p.c).toBe(0);
    p = setPoints(p, 'a', -4, 100);
    expect(p.a).toBe(0);
    p = setPoints(p, 'c', 12.7, 100);
    expect(p.c).toBe(12);
    p = setPoints(p, 'b', Number.NaN, 100);
    expect(p.b).toBe(0);
    let seed = 3;
    for (let i = 0; i < 500; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      p = setPoints(p, ['a', 'b', 'c'][seed % 3]!, (seed % 250) - 50, 100);
      expect(sumPoints(p)).toBeLessThanOrEqual(100);
      expect(Object.values(p).every((n) => Number.isInteger(n) && n >= 0)).toBe(true);
    }
  });
});

describe('parseNumber', () => {
  it('reads what phones type', () => {
    expect(parseNumber('42')).toBe(42);
    expect(parseNumber(' 3,5 ')).toBe(3.5);
    expect(parseNumber('-0.25')).toBe(-0.25);
    expect(parseNumber('1 000')).toBe(1000);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('12abc')).toBeNull();
    expect(parseNumber('Infinity')).toBeNull();
  });
});
