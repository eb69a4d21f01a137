import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The hard-coded-string lint (eslint.config.js) as part of `npm test`.
const cwd = resolve(__dirname, '../..');

/** Files still to convert (empty when every screen is translated). */
const PENDING: string[] = [];

describe('no hard-coded user-visible strings', () => {
  it('finds none in the components and pages', async () => {
    const eslint = new ESLint({ cwd });
    const results = await eslint.lintFiles(['src/**/*.tsx']);
    const problems = results
      .filter((r) => !PENDING.some((p) => r.filePath.slice(cwd.length + 1).startsWith(p)))
      .flatMap((r) => r.messages.map((m) => `${r.filePath.slice(cwd.length + 1)}:${m.line}:${m.column} ${m.message}`));
    expect(problems).toEqual([]);
  }, 60_000);

  it('catches a literal in JSX text and in a label', async () => {
    const eslint = new ESLint({ cwd });
    const [r] = await eslint.lintText(
      'export function X() { return <div><p>Hello there</p><Field label="Your name" /><p>{t("ok")}</p><span>✓ 42</span></div>; }',
      { filePath: resolve(cwd, 'src/components/Probe.tsx') },
    );
    expect(r?.messages.map((m) => m.message.split(':')[0])).toEqual(['disallow literal string', 'disallow literal string']);
  });

  it('catches text inside JSX passed in another attribute (a Card\'s actions)', async () => {
    const eslint = new ESLint({ cwd });
    const [r] = await eslint.lintText(
      'export function X() { return <Card actions={<><Button title="Copy it">Start session</Button><kbd>?</kbd></>} title={t("ok")}>{t("body")}</Card>; }',
      { filePath: resolve(cwd, 'src/components/Probe.tsx') },
    );
    expect(r?.messages.map((m) => m.message)).toEqual([
      'disallow literal string (inside a JSX attribute): Copy it',
      'disallow literal string (inside a JSX attribute): Start session',
    ]);
  });
});
