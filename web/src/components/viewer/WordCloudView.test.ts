import { describe, expect, it } from 'vitest';
import { wordDirection } from './WordCloudView';

describe('wordDirection', () => {
  it.each([
    ['تعاون', 'rtl'],
    ['«ثقة»', 'rtl'],
    ['שלום', 'rtl'],
    ['C++', 'ltr'],
    ['Wi-Fi', 'ltr'],
    ['2030 رؤية', 'rtl'],
    ['Momentum', 'ltr'],
    ['42', 'ltr'],
    ['', 'ltr'],
  ])('%s reads %s', (word, dir) => {
    expect(wordDirection(word)).toBe(dir);
  });
});
