import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError, parseRetryAfter } from '../services/api';
import { slug } from '../services/sessionApi';
import { ordinal, spacedCode } from './format';
import { backoffDelay, clockOffset, parsePollInterval } from './polling';
import { quizChoices, quizDeadline } from './quiz';
import { describeError, formErrors } from './validation';

describe('polling utils', () => {
  it('doubles the back-off up to the cap, with jitter in the upper half', () => {
    const max = () => 1;
    const min = () => 0;
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, { random: max }))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(backoffDelay(3, { random: min })).toBe(2000);
    expect(backoffDelay(10, { cap: 5000, random: max })).toBe(5000);
  });

  it('reads X-Poll-Interval-Ms within sane bounds', () => {
    expect(parsePollInterval('2000')).toBe(2000);
    expect(parsePollInterval(null)).toBeNull();
    expect(parsePollInterval('abc')).toBeNull();
    expect(parsePollInterval('0')).toBeNull();
    expect(parsePollInterval('10')).toBe(500);
    expect(parsePollInterval('999999')).toBe(60000);
  });

  it('estimates the server clock offset from Date', () => {
    const sent = Date.parse('2030-01-01T00:00:00.000Z');
    expect(clockOffset('Tue, 01 Jan 2030 00:00:05 GMT', sent, sent + 200)).toBe(5000 + 500 - 100);
    expect(clockOffset(null, 0, 0)).toBeNull();
    expect(clockOffset('garbage', 0, 0)).toBeNull();
  });

  it('reads how many options a quiz answer takes (choices), 1 when absent or odd', () => {
    const options = [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }];
    expect(quizChoices({ options })).toBe(1);
    expect(quizChoices({ options, choices: 1 })).toBe(1);
    expect(quizChoices({ options, choices: 2 })).toBe(2);
    expect(quizChoices({ options, choices: 9 })).toBe(3);
    expect(quizChoices({ options, choices: 0 })).toBe(1);
    expect(quizChoices({ options, choices: 1.5 })).toBe(1);
  });

  it('computes the quiz deadline', () => {
    expect(quizDeadline({ opened_at: '2030-01-01T00:00:00Z', settings: { time_limit_s: 20, points: 1 } })).toBe(Date.parse('2030-01-01T00:00:20Z'));
    expect(quizDeadline({ opened_at: null, settings: { time_limit_s: 20, points: 1 } })).toBeNull();
  });

  it('counts down to the server deadline closes_at when the server sends one', () => {
    const settings = { time_limit_s: 20, points: 1 };
    // The server extended (or shortened) the deadline: its closes_at wins over opened_at + limit.
    expect(quizDeadline({ opened_at: '2030-01-01T00:00:00Z', closes_at: '2030-01-01T00:00:25.5Z', settings })).toBe(Date.parse('2030-01-01T00:00:25.5Z'));
    expect(quizDeadline({ opened_at: '2030-01-01T00:00:00Z', closes_at: null, settings })).toBe(Date.parse('2030-01-01T00:00:20Z'));
    expect(quizDeadline({ opened_at: '2030-01-01T00:00:00Z', closes_at: 'garbage', settings })).toBe(Date.parse('2030-01-01T00:00:20Z'));
  });
});

describe('errors', () => {
  it('splits problem+json into field and general messages', () => {
    const err = new ApiError(422, {
      detail: 'validation failed',
      errors: [
        { field: 'options[1].label', message: 'is required' },
        { field: 'position', message: 'must be between 0 and 10000' },
      ],
    });
    expect(formErrors(err, (f) => f.startsWith('options'))).toEqual({
      fields: { 'options[1].label': 'Option is required' },
      general: 'Position must be between 0 and 10000',
    });
  });

  it('describes network trouble and rate limits for people', () => {
    expect(describeError(new NetworkError())).toMatch(/No connection/);
    expect(describeError(new ApiError(429, null))).toMatch(/Too many tries/);
    expect(describeError(new ApiError(409, { detail: 'this session has ended' }))).toBe('This session has ended');
  });

  it('parses Retry-After', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(null)).toBeNull();
  });
});

describe('format', () => {
  it('formats codes, ordinals and file names', () => {
    expect(spacedCode('123456')).toBe('123 456');
    expect(spacedCode('1234567')).toBe('1234 567');
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st']);
    expect(slug('Équipe — Q&A 2030!')).toBe('equipe-q-a-2030');
    expect(slug('<<>>')).toBe('caja-session');
  });
});
