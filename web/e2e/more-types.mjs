// End-to-end steps of the newer activity types (issue 17): the organizer
// builds a ranking, scales, 100 points, a number quiz and a content slide in
// the dashboard's editor (with images uploaded through the file picker), then
// each runs through three phones, the projector and the presenter view, with
// screenshots and axe; the content slide's Markdown carries the same hostile
// HTML as the open-text answer, and nothing of it may run. Imported by e2e.mjs.

import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A real, decodable RGB PNG: a diagonal gradient from one colour to another. */
export function makePng(width, height, from, to) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < width; x++) {
      const t = (x / width + y / height) / 2;
      for (let c = 0; c < 3; c++) raw[row + 1 + x * 3 + c] = Math.round(from[c] + (to[c] - from[c]) * t);
    }
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const RANKING = 'What should we improve first?';
const RANK_ITEMS = ['Faster releases', 'Better docs', 'More tests'];
const SCALES = 'How was this all-hands?';
const STATEMENTS = ['The pace was right', 'I can use this tomorrow'];
const POINTS = 'Share 100 points of next quarter’s budget';
const BUDGET = ['Hiring', 'Tooling', 'Travel'];
const NUMERIC = 'How many people work at Caja?';
const CONTENT = 'Welcome back';

/**
 * Runs the steps. `t` carries what e2e.mjs has: step, assert, log, axeCheck,
 * the organizer's page, the display, the phones, shotsDir, XSS_TEXT and presentAndOpen.
 */
export async function moreTypes(t) {
  const { step, assert, log, axeCheck, org, display, phones, shotsDir, presentAndOpen, base, sessionId } = t;
  const shot = (page, name, fullPage = false) => page.screenshot({ path: join(shotsDir, name), animations: 'disabled', fullPage });
  const CONTENT_BODY = `## Agenda\n\n- **Bold claims**, *small print*\n- Read [our handbook](https://example.com/handbook) first\n\n| When | What |\n|---|---|\n| 10:00 | Demos |\n\n${t.XSS_TEXT}\n\n<img src=x onerror="window.__pwned=1">`;
  const cover = { name: 'cover.png', mimeType: 'image/png', buffer: makePng(320, 200, [97, 40, 245], [255, 106, 69]) };
  const optionPng = { name: 'option.png', mimeType: 'image/png', buffer: makePng(64, 64, [15, 159, 134], [255, 197, 61]) };
  const slidePng = { name: 'slide.png', mimeType: 'image/png', buffer: makePng(640, 360, [29, 127, 214], [155, 123, 255]) };

  /** The organizer adds an activity through the editor dialog. */
  const addActivity = async (typeLabel, fill) => {
    await org.getByRole('button', { name: '+ Add activity' }).click();
    const dialog = org.getByRole('dialog', { name: 'New activity' });
    await dialog.getByText(typeLabel, { exact: true }).click();
    await fill(dialog);
    await dialog.getByRole('button', { name: 'Add activity' }).click();
    await dialog.waitFor({ state: 'detached' });
  };
  /** Uploads through a file input and waits for the stored image to load in the preview. */
  const upload = async (dialog, inputLabel, file, alt) => {
    await dialog.getByLabel(inputLabel, { exact: true }).setInputFiles(file);
    const img = dialog.locator(`img[alt="${alt}"][src^="/api/v1/images/"]`);
    await img.waitFor({ timeout: 10_000 });
    await img.evaluate((el) => (el.complete ? undefined : new Promise((r) => el.addEventListener('load', r, { once: true }))));
    assert(await img.evaluate((el) => el.naturalWidth > 0), `the uploaded ${file.name} loads from /api/v1/images/`);
  };
  const loaded = async (page, alt) => {
    const img = page.getByRole('img', { name: alt, exact: true }).first();
    await img.waitFor({ timeout: 5000 });
    await page.waitForFunction((a) => [...document.querySelectorAll('img')].some((i) => i.alt === a && i.complete && i.naturalWidth > 0), alt, { timeout: 5000 });
    return (await img.getAttribute('src')) ?? '';
  };
  const chartLabel = (page, where = '[data-testid="display-results"]') =>
    page.evaluate((sel) => document.querySelector(`${sel} [role="img"]`)?.getAttribute('aria-label') ?? '', where);

  await step('dashboard: the editor builds a ranking, scales, 100 points, a number quiz and a content slide, uploading images by file picker', async () => {
    await addActivity('Ranking', async (d) => {
      await d.getByLabel('Question', { exact: true }).fill(RANKING);
      await d.getByRole('button', { name: '+ Add item' }).click();
      for (const [i, label] of RANK_ITEMS.entries()) await d.getByLabel(`Item ${i + 1}`, { exact: true }).fill(label);
      await upload(d, 'Image for option 1', optionPng, RANK_ITEMS[0]);
      await upload(d, 'Choose an image', cover, RANKING);
      await shot(org, 'dashboard-editor-ranking.png');
    });
    await addActivity('Scales', async (d) => {
      await d.getByLabel('Question', { exact: true }).fill(SCALES);
      for (const [i, label] of STATEMENTS.entries()) await d.getByLabel(`Statement ${i + 1}`, { exact: true }).fill(label);
      await d.getByLabel('Label of the lowest value').fill('Disagree');
      await d.getByLabel('Label of the highest value').fill('Agree');
    });
    await addActivity('100 points', async (d) => {
      await d.getByLabel('Question', { exact: true }).fill(POINTS);
      await d.getByRole('button', { name: '+ Add option' }).click();
      for (const [i, label] of BUDGET.entries()) await d.getByLabel(`Option ${i + 1}`, { exact: true }).fill(label);
    });
    await addActivity('Number', async (d) => {
      await d.getByLabel('Question', { exact: true }).fill(NUMERIC);
      await d.getByLabel('Highest allowed').fill('1000');
      await d.getByLabel('Unit', { exact: true }).fill('people');
      await d.getByLabel('Quiz: score answers close to a right value').check();
      await d.getByLabel('Right value', { exact: true }).fill('120');
      await d.getByLabel('Tolerance (±)').fill('10');
      await d.getByLabel('Time limit (seconds)').fill('90');
    });
    await addActivity('Content slide', async (d) => {
      await d.getByLabel('Title', { exact: true }).fill(CONTENT);
      await d.getByLabel('Slide text').fill(CONTENT_BODY);
      const preview = d.getByTestId('body-preview');
      await preview.getByText('Bold claims').waitFor();
      assert((await preview.locator('strong', { hasText: 'Bold claims' }).count()) === 1, 'the preview renders Markdown');
      assert((await preview.locator('img[src="x"], script, [onerror]').count()) === 0, 'the preview renders no HTML of the text');
      const link = preview.getByRole('link', { name: 'our handbook' });
      assert((await link.getAttribute('rel')) === 'noopener noreferrer' && (await link.getAttribute('target')) === '_blank', 'preview link rel/target');
      await upload(d, 'Choose an image', slidePng, CONTENT);
      await shot(org, 'dashboard-editor-content.png');
    });
    const list = org.getByRole('list', { name: 'Activities' });
    for (const title of [RANKING, SCALES, POINTS, NUMERIC, CONTENT]) await list.getByText(title, { exact: true }).waitFor({ timeout: 5000 });
  });

  await step('ranking: arrows on one phone, drag on another; the display ranks by Borda points with the average rank', async () => {
    await presentAndOpen(RANKING);
    const row = (page, label) => page.getByTestId('ranking-row').filter({ hasText: label });
    const order = async (page) => (await page.getByTestId('ranking-row').allTextContents()).map((s) => RANK_ITEMS.find((l) => s.includes(l)));
    const send = async (page) => {
      await page.getByRole('button', { name: 'Send my ranking' }).click();
      await page.getByText('Your answer is in').waitFor({ timeout: 10_000 });
    };
    // Ana: arrows → More tests, Faster releases, Better docs.
    const ana = phones[0].page;
    await row(ana, 'More tests').waitFor({ timeout: 5000 });
    await loaded(ana, RANKING);
    await loaded(ana, RANK_ITEMS[0]);
    await ana.getByRole('button', { name: 'Move “More tests” up' }).click();
    await ana.getByRole('button', { name: 'Move “More tests” up' }).click();
    assert((await order(ana)).join() === 'More tests,Faster releases,Better docs', `arrows: ${await order(ana)}`);
    await axeCheck(ana, 'phone: ranking');
    await send(ana);
    // Ben: drags Faster releases from the top to the bottom → Better docs, More tests, Faster releases.
    const ben = phones[1].page;
    const handle = row(ben, 'Faster releases').getByTestId('ranking-handle');
    await ben.getByTestId('ranking-row').last().scrollIntoViewIfNeeded();
    await handle.scrollIntoViewIfNeeded();
    const from = await handle.boundingBox();
    const last = await ben.getByTestId('ranking-row').last().boundingBox();
    await ben.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await ben.mouse.down();
    await ben.mouse.move(from.x + from.width / 2, last.y + last.height - 4, { steps: 12 });
    await ben.mouse.up();
    assert((await order(ben)).join() === 'Better docs,More tests,Faster releases', `drag: ${await order(ben)}`);
    await send(ben);
    // Chidi: one arrow → Faster releases, More tests, Better docs.
    const chidi = phones[2].page;
    await chidi.getByRole('button', { name: 'Move “Better docs” down' }).click();
    await send(chidi);
    // Borda (2, 1, 0): More tests 2+1+1 = 4, Faster releases 1+0+2 = 3, Better docs 0+2+0 = 2.
    await display.getByText('3 responses').waitFor({ timeout: 5000 });
    await display.waitForFunction(() => document.querySelector('[data-testid="display-results"] [role="img"]')?.getAttribute('aria-label')?.includes('More tests: 4 pts'), null, { timeout: 5000 });
    const label = await chartLabel(display);
    assert(/^More tests: 4 pts · average rank 1\.7, Faster releases: 3 pts · average rank 2(\.0)?, Better docs: 2 pts · average rank 2\.3$/.test(label), `display ranking: ${label}`);
    await loaded(display, RANKING);
    // The dashboard polls on its own clock: give it a few polls to catch up with the display.
    await org
      .waitForFunction(() => document.querySelector('[aria-label="Live results"] [role="img"]')?.getAttribute('aria-label')?.includes('More tests: 4 pts'), null, { timeout: 5000 })
      .catch(() => undefined);
    const dash = await chartLabel(org, '[aria-label="Live results"]');
    assert(dash.includes('More tests: 4 pts'), `dashboard ranking: ${dash}`);
    await display.waitForTimeout(900);
    await shot(display, 'display-ranking.png');
    await shot(ana, 'phone-ranking.png');
    await axeCheck(display, 'display: ranking');
  });

  await step('scales: every statement rated on the phones; the display draws one row per statement with its average', async () => {
    await presentAndOpen(SCALES);
    const ratings = [
      [4, 2],
      [5, 3],
      [3, 4],
    ];
    for (const [i, { page }] of phones.entries()) {
      for (const [j, statement] of STATEMENTS.entries()) {
        await page.getByRole('radiogroup', { name: `Rate “${statement}”` }).getByRole('radio', { name: new RegExp(`^${ratings[i][j]}\\b`) }).click();
      }
      if (i === 0) await axeCheck(page, 'phone: scales');
      await page.getByRole('button', { name: 'Send my ratings' }).click();
      await page.getByText('Your answer is in').waitFor({ timeout: 10_000 });
    }
    await display.getByText('3 responses').waitFor({ timeout: 5000 });
    await display.waitForFunction(() => document.querySelector('[data-testid="display-results"] [role="img"]')?.getAttribute('aria-label')?.includes('from 3, '), null, { timeout: 5000 });
    const label = await chartLabel(display);
    assert(label === 'The pace was right: average 4.0 from 3, I can use this tomorrow: average 3.0 from 3', `display scales: ${label}`);
    assert((await display.getByTestId('scale-row').count()) === 2, 'one row per statement');
    await display.getByText(/Disagree/).first().waitFor();
    await display.waitForTimeout(900);
    await shot(display, 'display-scales.png');
    await shot(phones[0].page, 'phone-scales.png', true);
    await axeCheck(display, 'display: scales');
  });

  await step('100 points: the counter shows what is left and the phone cannot pass 100; the display shows the points', async () => {
    await presentAndOpen(POINTS);
    const give = async (page, label, n) => page.getByRole('spinbutton', { name: label, exact: true }).fill(String(n));
    const ana = phones[0].page;
    await give(ana, 'Hiring', 60);
    await give(ana, 'Tooling', 40);
    await ana.getByTestId('points-left').getByText('0 left').waitFor();
    await give(ana, 'Travel', 10);
    assert((await ana.getByRole('spinbutton', { name: 'Travel', exact: true }).inputValue()) === '0', 'no points past the total');
    assert(await ana.getByRole('button', { name: 'More points for “Travel”' }).isDisabled(), 'no + once all points are given');
    await axeCheck(ana, 'phone: 100 points');
    await shot(ana, 'phone-points.png', true);
    const sends = [
      [ana, []],
      [phones[1].page, [['Tooling', 100]]],
      [phones[2].page, [['Hiring', 50], ['Travel', 50]]],
    ];
    for (const [page, gives] of sends) {
      for (const [label, n] of gives) await give(page, label, n);
      await page.getByRole('button', { name: 'Send my points' }).click();
      await page.getByText('Your answer is in').waitFor({ timeout: 10_000 });
    }
    await display.getByText('3 responses').waitFor({ timeout: 5000 });
    await display.waitForFunction(() => document.querySelector('[data-testid="display-results"] [role="img"]')?.getAttribute('aria-label')?.includes('Tooling: 140 pts'), null, { timeout: 5000 });
    const label = await chartLabel(display);
    assert(/^Tooling: 140 pts · avg 46\.7, Hiring: 110 pts · avg 36\.7, Travel: 50 pts · avg 16\.7$/.test(label), `display points: ${label}`);
    await display.waitForTimeout(900);
    await shot(display, 'display-points.png');
    await axeCheck(display, 'display: 100 points');
  });

  await step('number quiz: one answer each, a histogram with mean and median; the right value only after the reveal', async () => {
    await presentAndOpen(NUMERIC);
    const values = ['100', '125', '300'];
    for (const [i, { page }] of phones.entries()) {
      await page.getByLabel('Your answer, from 0 to 1000 people').fill(values[i]);
      await page.getByRole('button', { name: 'Send my answer' }).click();
      await page.getByText('Locked in. Wait for the reveal…').waitFor({ timeout: 10_000 });
      if (i === 0) await axeCheck(page, 'phone: number');
    }
    await display.getByText('3 responses').waitFor({ timeout: 5000 });
    const stats = display.getByTestId('numeric-stat');
    await display.getByTestId('numeric-stat').filter({ hasText: 'Mean' }).getByText('175 people').waitFor({ timeout: 5000 });
    await stats.filter({ hasText: 'Median' }).getByText('125 people').waitFor();
    assert((await display.getByText('Right answer').count()) === 0, 'no right value on the display before the reveal');
    const pub = await (await fetch(`${base}/api/v1/sessions/${sessionId}/state`)).json();
    assert(pub.current_activity?.settings && !('correct' in pub.current_activity.settings), `the phones' view hides the right value: ${JSON.stringify(pub.current_activity?.settings)}`);
    const histogram = await display.getByTestId('numeric-histogram').getAttribute('aria-label');
    assert(histogram.includes('100 to 200: 2') && histogram.includes('300 to 400: 1'), `histogram: ${histogram}`);
    await display.waitForTimeout(900);
    await shot(display, 'display-numeric.png');
    await axeCheck(display, 'display: number');
    await org.getByRole('button', { name: 'Close & reveal answer', exact: true }).click();
    await display.getByTestId('numeric-stat').filter({ hasText: 'Right answer' }).getByText(/120 people/).waitFor({ timeout: 6000 });
    await phones[1].page.getByText(/Right answer: 120 people/).waitFor({ timeout: 6000 });
    assert((await org.getByRole('button', { name: /^(Re)?[oO]pen answers$/ }).count()) === 0, 'no Reopen on a revealed number quiz');
    await display.waitForTimeout(900);
    await shot(display, 'display-numeric-revealed.png');
    await shot(phones[1].page, 'phone-numeric.png', true);
  });

  await step('content slide: Markdown and a large image on phones, display and dashboard; none of its HTML runs', async () => {
    await org.getByRole('button', { name: `Present ${CONTENT}` }).click();
    await org.getByRole('heading', { level: 3, name: CONTENT, exact: true }).waitFor();
    await display.getByRole('heading', { name: CONTENT }).waitFor({ timeout: 5000 });
    assert((await org.getByRole('button', { name: 'Open answers', exact: true }).count()) === 0, 'a content slide has nothing to open');
    const places = [
      [display, '[data-testid="display-results"]', 'display'],
      [phones[0].page, 'article', 'phone'],
      [org, '[aria-label="Slide"]', 'dashboard'],
    ];
    for (const [page, scope, where] of places) {
      const area = page.locator(scope).first();
      await area.locator('strong', { hasText: 'Bold claims' }).waitFor({ timeout: 5000 });
      await area.locator('table').waitFor();
      const link = area.getByRole('link', { name: 'our handbook' });
      assert((await link.getAttribute('rel')) === 'noopener noreferrer', `${where}: rel of the link`);
      assert((await link.getAttribute('target')) === '_blank', `${where}: target of the link`);
      assert((await area.locator('img[src="x"], script, [onerror]').count()) === 0, `${where}: no HTML from the body`);
      if (where !== 'dashboard') assert((await loaded(page, CONTENT)).startsWith('/api/v1/images/'), `${where}: the slide's image`);
    }
    for (const page of [display, org, ...phones.map((p) => p.page)]) {
      const pwned = await page.evaluate(() => typeof window.__pwned);
      assert(pwned === 'undefined', `window.__pwned is ${pwned} on ${page.url()}`);
      const injected = await page.evaluate(() => document.querySelectorAll('img[src="x"], script:not([src]), [onerror]').length);
      assert(injected === 0, `${injected} injected elements on ${page.url()}`);
    }
    const big = await display.evaluate(() => {
      const img = document.querySelector('[data-testid="content-slide"] img');
      return img ? img.getBoundingClientRect().width / window.innerWidth : 0;
    });
    assert(big > 0.3, `the slide's image is large on the projector (${(big * 100).toFixed(0)} % of the width)`);
    await display.waitForTimeout(400);
    await shot(display, 'display-content.png');
    await shot(phones[0].page, 'phone-content.png', true);
    await shot(org, 'dashboard-content.png', true);
    await axeCheck(phones[0].page, 'phone: content slide');
    await axeCheck(display, 'display: content slide');
    log('  content slide: Markdown rendered, raw HTML dropped, links rel="noopener noreferrer" target="_blank"');
  });
}
