import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { catalogs, LANGUAGES } from './index';

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out[key] = v;
    else Object.assign(out, flatten(v, key));
  }
  return out;
}

/** The argument names a message uses ({name}, {count, plural, …}, nested ones too). */
function args(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) into.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      into.add(el.value);
      for (const opt of Object.values(el.options)) args(opt.value, into);
    }
    if (el.type === TYPE.tag) args(el.children, into);
  }
  return into;
}

const en = flatten(catalogs.en as Tree);

/** Messages that are the same in every language: brand names, symbols, formats. */
const SAME_EVERYWHERE = new Set([
  'types.qna',
  'ranking.place',
  'numeric.bucket',
  'editor.totalHint',
]);

/** Words that are the same in a language and in English (checked by a person, not guessed). */
const SAME_WORD: Record<string, string[]> = {
  de: ['optionsEditor.optionN', 'presenterPanel.lobby', 'adminSession.export2', 'adminSession.code', 'adminSession.live', 'moderatorSession.lobby', 'moderatorSession.moderation', 'fields.label', 'fields.text', 'fields.name', 'fields.moderation', 'types.quiz', 'numeric.median'],
  fr: ['display.votes', 'display.questions', 'dashboard.participants', 'dashboard.participantsTitle', 'activityEditor.question', 'activityEditor.type', 'optionsEditor.optionN', 'participantsPanel.participants', 'sessionDetailsForm.description', 'adminSession.session', 'adminSession.code', 'fields.label', 'fields.description', 'fields.options', 'fields.points', 'types.quiz', 'types.points', 'phone.score', 'phone.scoreLabel', 'quiz.plusPoints', 'quiz.total', 'qna.list', 'qna.votesWord', 'ranking.points', 'editor.image'],
  es: ['types.quiz'],
  pt: ['presenterPanel.slide', 'types.quiz', 'ranking.points', 'editor.item'],
  it: ['presenterPanel.slide', 'fields.nickname', 'types.quiz'],
  ar: [],
};

describe('message catalogs', () => {
  for (const lang of LANGUAGES) {
    const cat = flatten(catalogs[lang] as Tree);

    it(`${lang} has exactly the keys of en.json`, () => {
      expect(Object.keys(cat).sort()).toEqual(Object.keys(en).sort());
    });

    it(`${lang}: every message is valid ICU and uses the English message's arguments`, () => {
      for (const [key, msg] of Object.entries(cat)) {
        let parsed: MessageFormatElement[];
        try {
          parsed = parse(msg);
        } catch (e) {
          throw new Error(`${lang} ${key}: ${String(e)}: ${msg}`);
        }
        const want = en[key];
        if (want === undefined) continue;
        expect([...args(parsed)].sort(), `${lang} ${key}`).toEqual([...args(parse(want))].sort());
        expect(msg.trim(), `${lang} ${key} is empty`).not.toBe('');
      }
    });

    if (lang !== 'en') {
      it(`${lang} is translated: no English message left (but brand names and formats)`, () => {
        const same = new Set(SAME_WORD[lang] ?? []);
        const left = Object.keys(en).filter((k) => !SAME_EVERYWHERE.has(k) && !same.has(k) && cat[k] === en[k] && /\p{L}{3,}/u.test(en[k]!.replace(/\{[^}]*\}/g, '')));
        expect(left).toEqual([]);
      });
    }
  }
});

describe('problem codes', () => {
  // The server's OpenAPI document lists every code a problem+json may carry.
  const openapi = JSON.parse(readFileSync(resolve(__dirname, '../../../transport/httpapi/openapi.json'), 'utf8')) as {
    components: { schemas: { Problem: { properties: { code: { enum: string[] } } } } };
  };
  const codes = openapi.components.schemas.Problem.properties.code.enum;

  it('the OpenAPI document lists the codes', () => {
    expect(codes.length).toBeGreaterThan(10);
    expect(codes).toContain('nickname_taken');
  });

  for (const lang of LANGUAGES) {
    it(`${lang} has a message for every code (errors.<code>)`, () => {
      const cat = flatten(catalogs[lang] as Tree);
      expect(codes.filter((c) => !cat[`errors.${c}`])).toEqual([]);
    });
  }
});

describe('visible labels inside accessible names (WCAG 2.5.3, axe label-content-name-mismatch)', () => {
  // [visible label, the aria-label of the same button]
  const PAIRS: [string, string][] = [
    ['activityList.present', 'activityList.presentTitle'],
    ['activityList.presenting', 'activityList.presentingTitle'],
    ['activityList.edit', 'activityList.editTitle'],
    ['activityList.delete', 'activityList.deleteTitle'],
    ['adminSession.edit', 'adminSession.editDetails'],
  ];
  for (const lang of LANGUAGES) {
    it(`${lang}: each button's name contains its visible label`, () => {
      const cat = flatten(catalogs[lang] as Tree);
      const bad = PAIRS.filter(([label, name]) => !cat[name]!.toLowerCase().includes(cat[label]!.toLowerCase()));
      expect(bad).toEqual([]);
    });
  }
});
