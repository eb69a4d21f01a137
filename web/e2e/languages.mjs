// End-to-end steps of the translations (issue 19): a phone in German (browser
// locale de-DE) and one in Arabic (ar: right to left, the layout mirrored)
// join by code and answer a poll through the UI; the display follows the
// session's settings.language (French); the organizer's dashboard switched to
// Arabic mirrors; a word cloud of Arabic words on an Arabic session's display
// reads right to left. Screenshots and axe on each. Imported by e2e.mjs.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const AR = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'locales', 'ar.json'), 'utf8'));

const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36',
};

/**
 * t: { step, pendingStep, assert, log, axeCheck, browser, base, shotsDir, guard, problems }.
 */
export async function languages(t) {
  const { step, pendingStep, assert, log, axeCheck, browser, base, shotsDir, guard, problems } = t;
  const shot = (page, name) => page.screenshot({ path: join(shotsDir, name), animations: 'disabled' });
  const api = async (method, path, body, token) => {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };

  // Whether an element's text is drawn left to right: its first character left of its last.
  const leftToRight = (locator) =>
    locator.evaluate((el) => {
      const text = [...el.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      const at = (i) => {
        const r = document.createRange();
        r.setStart(text, i);
        r.setEnd(text, i + 1);
        return r.getBoundingClientRect().x;
      };
      const t = text.textContent;
      return at(t.search(/\S/)) < at(t.length - 1 - [...t].reverse().join('').search(/\S/));
    });

  // A session of its own, with a poll on screen and open.
  let s;
  let poll;
  await step('languages: a session with an open poll (through the API)', async () => {
    const created = await api('POST', '/sessions', { name: 'Caja international', admin_id: 'Marta' });
    assert(created.status === 201, `create session: ${created.status}`);
    s = created.body;
    const a = await api('POST', `/sessions/${s.id}/activities`, { type: 'poll', title: 'Lisboa, Kyoto or Tunis?', options: [{ label: 'Lisboa' }, { label: 'Kyoto' }, { label: 'Tunis' }] }, s.admin_token);
    assert(a.status === 201, `create poll: ${a.status}`);
    poll = a.body;
    assert((await api('PATCH', `/sessions/${s.id}`, { status: 'active' }, s.admin_token)).status === 200, 'start');
    assert((await api('PATCH', `/sessions/${s.id}`, { current_activity_id: poll.id }, s.admin_token)).status === 200, 'present');
    assert((await api('PATCH', `/sessions/${s.id}/activities/${poll.id}`, { status: 'open' }, s.admin_token)).status === 200, 'open');
  });

  const phone = async (locale, name) => {
    const ctx = await browser.newContext({ ...PHONE, locale });
    const page = await ctx.newPage();
    guard(page, name, problems);
    return { ctx, page };
  };

  await step('German phone (de-DE): the join flow and a poll answer in German', async () => {
    const { ctx, page } = await phone('de-DE', 'phone de');
    await page.goto(`${base}/join`);
    await page.getByLabel('Beitrittscode').waitFor();
    assert((await page.evaluate(() => document.documentElement.lang)) === 'de', 'html lang=de');
    assert((await page.evaluate(() => document.documentElement.dir)) === 'ltr', 'html dir=ltr');
    await axeCheck(page, 'join page (de)');
    await shot(page, 'phone-de-join.png');
    await page.getByLabel('Beitrittscode').fill(s.join_code);
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByLabel('Dein Spitzname').fill('Hanna');
    await page.getByRole('button', { name: 'Beitreten', exact: true }).click();
    await page.getByText('Willkommen, Hanna!').waitFor({ timeout: 10_000 });
    await page.getByText('Umfrage', { exact: true }).waitFor();
    await page.getByRole('radio', { name: /Kyoto/ }).click();
    await page.getByText('Deine Antwort ist da').waitFor({ timeout: 10_000 });
    await page.getByText('Tippe eine andere Option an, um deine Stimme zu ändern.').waitFor();
    await axeCheck(page, 'phone: poll (de)');
    await shot(page, 'phone-de-poll.png');
    await ctx.close();
  });

  await step('Arabic phone (ar): right to left, the join screen and the answer buttons mirrored, a poll answer', async () => {
    const { ctx, page } = await phone('ar', 'phone ar');
    await page.goto(`${base}/join`);
    const codeField = page.getByLabel('رمز الانضمام');
    await codeField.waitFor();
    assert((await page.evaluate(() => document.documentElement.lang)) === 'ar', 'html lang=ar');
    assert((await page.evaluate(() => document.documentElement.dir)) === 'rtl', 'html dir=rtl');
    // The header mirrors: the logo (first) at the right, the language switcher at the left.
    const [logoX, switcherX] = await page.getByTestId('language-select').evaluate((sel) => {
      const bar = sel.parentElement.parentElement;
      return [bar.firstElementChild.getBoundingClientRect().x, sel.getBoundingClientRect().x];
    });
    assert(logoX > switcherX, `the logo (${logoX}) is right of the language switcher (${switcherX})`);
    await axeCheck(page, 'join page (ar)');
    await shot(page, 'phone-ar-join.png');
    await codeField.fill(s.join_code);
    await page.getByRole('button', { name: 'متابعة' }).click();
    const nick = page.getByLabel('اسمك المستعار');
    await nick.fill('ليلى');
    // The nickname field writes right to left, and its counter sits at the start side (the left edge in RTL).
    assert((await nick.evaluate((el) => getComputedStyle(el).direction)) === 'rtl', 'the nickname field is rtl');
    const field = await nick.boundingBox();
    const counter = await page.getByText(/^\d+\/30$/).boundingBox();
    assert(counter.x < field.x + field.width / 2, `the counter (${counter.x}) at the left in RTL (field ${field.x}–${field.x + field.width})`);
    const join = page.getByRole('button', { name: 'انضمام', exact: true });
    const joinBox = await join.boundingBox();
    assert(Math.abs(joinBox.x + joinBox.width - (field.x + field.width)) < 2, 'the join button lines up with the field at the start (right) side');
    await shot(page, 'phone-ar-nickname.png');
    await join.click();
    await page.getByText('أهلًا، ليلى!').waitFor({ timeout: 10_000 });
    const option = page.getByRole('radio', { name: /Tunis/ });
    await option.waitFor();
    // Each answer button mirrors: its letter badge (first child) at the right, the label to its left.
    const [badge, label] = await option.evaluate((el) => {
      const b = el.querySelector('span[aria-hidden="true"]').getBoundingClientRect();
      const l = el.querySelector('span.flex-1').getBoundingClientRect();
      return [b.x, l.x];
    });
    assert(badge > label, `the badge (${badge}) is right of the label (${label})`);
    assert((await option.evaluate((el) => getComputedStyle(el).textAlign)) === 'start', 'answer text starts at the start side');
    await option.click();
    await page.getByText('وصلت إجابتك').waitFor({ timeout: 10_000 });
    await axeCheck(page, 'phone: poll (ar)');
    await shot(page, 'phone-ar-poll.png');
    await ctx.close();
  });

  // The display's language is the session's settings.language (server part: issue 19's server side).
  const patched = await api('PATCH', `/sessions/${s.id}`, { settings: { language: 'fr' } }, s.admin_token);
  const stored = patched.status === 200 && patched.body?.settings?.language === 'fr';
  const displayStep = async () => {
    assert(patched.status === 200, `PATCH settings.language: ${patched.status} ${JSON.stringify(patched.body)}`);
    assert(stored, `settings.language not stored: ${JSON.stringify(patched.body?.settings)}`);
    const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'en-US' });
    const display = await ctx.newPage();
    guard(display, 'display fr', problems);
    await display.goto(`${base}/display/${s.id}?key=${encodeURIComponent(s.display_key)}`);
    await display.getByRole('heading', { name: 'Lisboa, Kyoto or Tunis?' }).waitFor();
    await display.getByText('Sondage', { exact: true }).waitFor({ timeout: 5000 });
    await display.getByTestId('response-count').getByText('2 réponses').waitFor({ timeout: 5000 });
    assert((await display.evaluate(() => document.documentElement.lang)) === 'fr', 'html lang=fr');
    await axeCheck(display, 'display: poll (fr)');
    await shot(display, 'display-fr.png');
    await ctx.close();
  };
  if (stored) {
    await step('the display in French (settings.language = fr on the session)', displayStep);
  } else {
    log(`  PATCH {"settings":{"language":"fr"}} → ${patched.status}${patched.status === 200 ? ' (not stored)' : ''}: the server part of settings.language is not in this binary`);
    await pendingStep('language', 'the display in French (settings.language = fr on the session)', displayStep);
  }

  await step('the organizer dashboard switched to Arabic: rtl, the header and the two columns mirrored, no English left on its buttons', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 960 }, locale: 'en-US' });
    const page = await ctx.newPage();
    guard(page, 'dashboard ar', problems);
    await page.goto(`${base}/admin/sessions/${s.id}#token=${encodeURIComponent(s.admin_token)}`);
    await page.getByTestId('session-name').getByText('Caja international').waitFor({ timeout: 10_000 });
    assert((await page.evaluate(() => document.documentElement.dir)) === 'ltr', 'the dashboard starts in English, ltr');
    await page.getByTestId('language-select').selectOption('ar');
    await page.getByRole('heading', { name: AR.adminSession.onScreen, exact: true }).waitFor();
    assert((await page.evaluate(() => document.documentElement.lang)) === 'ar', 'html lang=ar');
    assert((await page.evaluate(() => document.documentElement.dir)) === 'rtl', 'html dir=rtl');
    // The header: the logo (first) at the right, the language switcher (last) at the left.
    const [logoX, switcherX] = await page.getByTestId('language-select').evaluate((sel) => {
      const bar = sel.closest('header').firstElementChild;
      return [bar.firstElementChild.getBoundingClientRect().x, sel.getBoundingClientRect().x];
    });
    assert(logoX > switcherX, `the logo (${logoX}) is right of the language switcher (${switcherX})`);
    // The columns: activities (first) at the right, "on screen" (second) at the left.
    const activities = await page.getByRole('heading', { name: AR.dashboard.activities.replace('{count}', '1'), exact: true }).boundingBox();
    const onScreen = await page.getByRole('heading', { name: AR.adminSession.onScreen, exact: true }).boundingBox();
    assert(activities.x > onScreen.x + onScreen.width - 1, `the activities column (${activities.x}) is right of the on-screen one (${onScreen.x}+${onScreen.width})`);
    // Headings and buttons start at the right edge of their card.
    const card = await page.getByRole('heading', { name: AR.adminSession.onScreen, exact: true }).evaluate((h) => {
      const c = h.closest('section').getBoundingClientRect();
      const r = h.getBoundingClientRect();
      return { right: c.right - r.right, left: r.left - c.left };
    });
    assert(card.right < card.left, `the card heading sits at the start (right) side (${JSON.stringify(card)})`);
    // The header's buttons are in Arabic (they were English literals once).
    for (const name of [AR.adminSession.share, AR.adminSession.duplicate, AR.adminSession.endSession]) {
      await page.getByRole('button', { name, exact: true }).waitFor({ timeout: 2000 });
    }
    await page.getByRole('link', { name: AR.adminSession.openDisplay }).waitFor({ timeout: 2000 });
    // The join code reads left to right ("425 824", not "824 425"); the poll's title keeps its "?" at its end.
    const code = page.locator('strong', { hasText: `${s.join_code.slice(0, 3)} ${s.join_code.slice(3)}` }).first();
    assert(await leftToRight(code), 'the join code reads left to right');
    const title = page.locator('bdi', { hasText: 'Lisboa, Kyoto or Tunis?' }).first();
    assert(await leftToRight(title), 'the poll title reads left to right in the Arabic dashboard');
    assert(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no horizontal scroll');
    await axeCheck(page, 'dashboard (ar)');
    await shot(page, 'dashboard-ar.png');
    await ctx.close();
  });

  // A word cloud of Arabic words (and one Latin word) on an Arabic session's display.
  const arabicWords = ['تعاون', 'ابتكار', 'ثقة', 'نمو', 'شفافية', 'C++'];
  let ws;
  await step('word cloud in an Arabic session: three participants send Arabic words (through the API)', async () => {
    const created = await api('POST', '/sessions', { name: 'جلسة عربية', admin_id: 'ليلى', settings: { language: 'ar' } });
    assert(created.status === 201, `create session: ${created.status}`);
    ws = created.body;
    const a = await api('POST', `/sessions/${ws.id}/activities`, { type: 'word_cloud', title: 'كلمة واحدة لهذا الربع', settings: { max_entries_per_participant: 3 } }, ws.admin_token);
    assert(a.status === 201, `create word cloud: ${a.status} ${JSON.stringify(a.body)}`);
    assert((await api('PATCH', `/sessions/${ws.id}`, { status: 'active' }, ws.admin_token)).status === 200, 'start');
    assert((await api('PATCH', `/sessions/${ws.id}`, { current_activity_id: a.body.id }, ws.admin_token)).status === 200, 'present');
    assert((await api('PATCH', `/sessions/${ws.id}/activities/${a.body.id}`, { status: 'open' }, ws.admin_token)).status === 200, 'open');
    const sent = [
      ['تعاون', 'ابتكار', 'ثقة'],
      ['تعاون', 'نمو', 'C++'],
      ['تعاون', 'ابتكار', 'شفافية'],
    ];
    for (const [i, words] of sent.entries()) {
      const p = await api('POST', `/sessions/${ws.id}/participants`, { nickname: `مشارك ${i + 1}` });
      assert(p.status === 201, `join: ${p.status}`);
      for (const text of words) {
        const r = await api('POST', `/sessions/${ws.id}/activities/${a.body.id}/responses`, { text }, p.body.token);
        assert(r.status === 201, `send ${text}: ${r.status} ${JSON.stringify(r.body)}`);
      }
    }
  });

  await step('the Arabic display shows the word cloud readable: each word whole, right to left (C++ left to right), inside the screen', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'en-US' });
    const display = await ctx.newPage();
    guard(display, 'display ar', problems);
    await display.goto(`${base}/display/${ws.id}?key=${encodeURIComponent(ws.display_key)}`);
    await display.locator('svg text', { hasText: 'تعاون' }).first().waitFor({ timeout: 10_000 });
    assert((await display.evaluate(() => document.documentElement.lang)) === 'ar', 'html lang=ar');
    assert((await display.evaluate(() => document.documentElement.dir)) === 'rtl', 'html dir=rtl');
    await display.waitForTimeout(500); // the cloud centres itself after its first layout
    const words = await display.evaluate(() =>
      [...document.querySelectorAll('[data-testid="display-results"] svg text')].map((el) => {
        const b = el.getBoundingClientRect();
        const n = el.getNumberOfChars();
        return {
          text: el.textContent,
          direction: getComputedStyle(el).direction,
          size: Number(el.getAttribute('font-size')),
          // Where the first and the last character are drawn: right to left puts the first at the right.
          first: n ? el.getStartPositionOfChar(0).x : 0,
          last: n ? el.getStartPositionOfChar(n - 1).x : 0,
          box: { left: b.left, right: b.right, top: b.top, bottom: b.bottom, width: b.width },
        };
      }),
    );
    const texts = words.map((w) => w.text).sort();
    const want = arabicWords.map((w) => w.toLowerCase()).sort();
    assert(JSON.stringify(texts) === JSON.stringify(want) || JSON.stringify(words.map((w) => w.text.toLowerCase()).sort()) === JSON.stringify(want), `the cloud's words ${JSON.stringify(texts)}, want ${JSON.stringify(want)}`);
    for (const w of words) {
      const latin = /^[\x00-\x7f]+$/.test(w.text);
      assert(w.direction === (latin ? 'ltr' : 'rtl'), `${w.text} reads ${w.direction}`);
      if (latin) assert(w.first < w.last, `${w.text}: its first character (${w.first}) left of its last (${w.last})`);
      else assert(w.first > w.last, `${w.text}: its first character (${w.first}) right of its last (${w.last}): drawn right to left`);
      assert(w.box.width > 0, `${w.text} has no width`);
      assert(w.box.left >= 0 && w.box.right <= 1920 && w.box.top >= 0 && w.box.bottom <= 1080, `${w.text} is outside the screen: ${JSON.stringify(w.box)}`);
    }
    // The most sent word is the biggest.
    const big = words.find((w) => w.text === 'تعاون');
    assert(words.every((w) => w.size <= big.size), `تعاون (sent three times) is the biggest word: ${words.map((w) => `${w.text} ${w.size}`).join(', ')}`);
    const label = await display.getByRole('img', { name: /تعاون \(3\)/ }).count();
    assert(label === 1, 'the cloud names its words and counts');
    const joinCode = display.locator('header strong', { hasText: `${ws.join_code.slice(0, 3)} ${ws.join_code.slice(3)}` });
    assert(await leftToRight(joinCode), 'the join code in the header reads left to right');
    await axeCheck(display, 'display: word cloud (ar)');
    await shot(display, 'display-ar-wordcloud.png');
    await ctx.close();
  });
}
