#!/usr/bin/env node
// End-to-end test of the Caja web app in real Chromium (Debian's, driven by
// playwright-core) against the real server binary on real Postgres and Redis.
//
//   npm run e2e            (from web/, after `npm run build` and `go build -o bin/caja ./cmd/caja`)
//
// It creates a fresh database (dropped at the end) and uses its own Redis key
// prefix, starts ../bin/caja serve on a free port, and drives an organizer,
// three phones and the projector display; axe-core checks every kind of page.
// Screenshots go to e2e/output/ (ignored by git); E2E_SCREENSHOTS=1 (what
// `make screenshots` sets) writes them to e2e/screenshots/, the ones README links.
//
// Environment: CAJA_TEST_DATABASE_URL (admin database to create the run's
// database from), CAJA_TEST_REDIS_URL, CHROMIUM_PATH (default /usr/bin/chromium),
// CAJA_BIN (default ../bin/caja), E2E_KEEP=1 keeps the database for debugging.
// E2E_ONLY=accounts runs only the accounts steps (sign-up, a second browser, an invited moderator and co-host, the Team card);
// E2E_ONLY=languages only the translations' steps (German and Arabic phones, French display, Arabic dashboard and word cloud).

import { spawn, execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, createWriteStream, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { moreTypes } from './more-types.mjs';
import { languages } from './languages.mjs';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const webDir = resolve(here, '..');
const repoRoot = resolve(webDir, '..');
const shotsDir = join(here, process.env.E2E_SCREENSHOTS === '1' ? 'screenshots' : 'output');
const tmpDir = join(here, '.tmp');
mkdirSync(shotsDir, { recursive: true });
rmSync(tmpDir, { recursive: true, force: true }); // last run's logs, downloads and failure shots
mkdirSync(tmpDir, { recursive: true });

const ADMIN_DB_URL = process.env.CAJA_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable';
const REDIS_URL = process.env.CAJA_TEST_REDIS_URL || 'redis://127.0.0.1:6379/0';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const BIN = resolve(webDir, process.env.CAJA_BIN || '../bin/caja');
// /metrics is served only to the holder of this token (CAJA_METRICS_TOKEN).
const METRICS_TOKEN = `e2e-metrics-${process.pid}`;
const RUN_ID = randomBytes(5).toString('hex');
const DB_NAME = `caja_e2e_${RUN_ID}`;
const REDIS_PREFIX = `caja_e2e_${RUN_ID}:`;
const AXE_SOURCE = readFileSync(join(webDir, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

// The nickname fits the server's 30-character limit; the answer is the full payload.
const XSS_NICK = '<img src=x onerror=__pwned=1>';
const XSS_TEXT = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">';

let server = null;
let browser = null;
let dbCreated = false;
let passed = 0;
let failed = 0;
const started = Date.now();

function log(msg) {
  const t = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
  console.log(`[${t}s] ${msg}`);
}

/**
 * A step once written against a server feature on another branch; every such
 * feature is merged now, so it is a plain step (the key names it in history).
 */
async function pendingStep(_key, name, fn) {
  await step(name, fn);
}

async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed++;
    log(`✓ ${name} (${Date.now() - t0} ms)`);
  } catch (err) {
    failed++;
    log(`✗ ${name}`);
    throw err;
  }
}

function assert(cond, msg) {
  if (!cond) throw new Error(`assertion failed: ${msg}`);
}

function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function psql(sql) {
  await run('psql', [ADMIN_DB_URL, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql], { timeout: 60_000 });
}

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

async function waitFor(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (server && server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err.message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms (${last})`);
}

async function buildBinaryIfMissing() {
  if (existsSync(BIN)) return;
  log(`${BIN} is missing: go build`);
  await run('go', ['build', '-o', BIN, './cmd/caja'], { cwd: repoRoot, timeout: 600_000 });
}

async function startServer(port) {
  const logFile = join(tmpDir, 'server.log');
  const out = createWriteStream(logFile);
  const env = {
    ...process.env,
    DATABASE_URL: withDatabase(ADMIN_DB_URL, DB_NAME),
    REDIS_URL,
    CAJA_REDIS_PREFIX: REDIS_PREFIX,
    CAJA_ADDR: `127.0.0.1:${port}`,
    FRONTEND_URL: `http://127.0.0.1:${port}`,
    ALLOWED_ORIGINS: `http://127.0.0.1:${port}`,
    CAJA_LOG_LEVEL: process.env.E2E_LOG_LEVEL || 'warn',
    CAJA_METRICS_TOKEN: METRICS_TOKEN,
  };
  // Run a private copy: a rebuild of bin/caja, or a broad `pkill caja` elsewhere
  // on a shared machine, must not pull the server out from under the test.
  const privateBin = join(tmpDir, `server-${RUN_ID}`);
  copyFileSync(BIN, privateBin);
  chmodSync(privateBin, 0o755);
  process.on('exit', () => rmSync(privateBin, { force: true }));
  server = spawn(privateBin, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.pipe(out);
  server.stderr.pipe(out);
  server.on('exit', (code, signal) => log(`server exited (${code ?? signal})`));
  return logFile;
}

async function stopServer() {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.exitCode === null && server.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function cleanupRedis() {
  try {
    const { stdout } = await run('redis-cli', ['-u', REDIS_URL, '--scan', '--pattern', `${REDIS_PREFIX}*`], { timeout: 30_000 });
    const keys = stdout.split('\n').filter(Boolean);
    for (let i = 0; i < keys.length; i += 500) {
      await run('redis-cli', ['-u', REDIS_URL, 'DEL', ...keys.slice(i, i + 500)], { timeout: 30_000 });
    }
  } catch (err) {
    log(`note: could not remove the run's Redis keys (${err.message.split('\n')[0]})`);
  }
}

async function cleanup() {
  if (browser) await browser.close().catch(() => undefined);
  browser = null;
  await stopServer().catch(() => undefined);
  if (dbCreated && !process.env.E2E_KEEP) {
    await psql(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`).catch((err) => log(`note: drop database failed: ${err.message}`));
  }
  await cleanupRedis();
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    log(`${sig}: cleaning up`);
    cleanup().finally(() => process.exit(130));
  });
}

/** Watches a page for script errors, CSP violations and the XSS marker. */
function guard(page, name, problems) {
  page.on('pageerror', (err) => problems.push(`${name}: page error: ${err.message}`));
  page.on('console', (msg) => {
    const text = msg.text();
    if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(text)) problems.push(`${name}: CSP: ${text}`);
  });
}

async function newPhone(name, problems) {
  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    userAgent:
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36',
  });
  const page = await ctx.newPage();
  guard(page, name, problems);
  return { ctx, page, name };
}

async function joinByCode(phone, base, code, nickname, audit = false) {
  const { page } = phone;
  await page.goto(`${base}/join`);
  if (audit) {
    await page.getByLabel('Join code').waitFor();
    await axeCheck(page, 'join page');
  }
  await page.getByLabel('Join code').fill(code);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Your nickname').fill(nickname);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await page.getByText(`Welcome, ${nickname}!`).waitFor({ timeout: 10_000 });
}

/**
 * Runs axe-core on the page as it is now; serious and critical violations are
 * collected (all are reported together at the end, each with its nodes).
 */
const axeFindings = [];
let axeRuns = 0;
async function axeCheck(page, where) {
  // Evaluated over the DevTools protocol: the app's CSP (script-src 'self')
  // rightly refuses an injected <script>, as addScriptTag would add.
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(AXE_SOURCE);
  // Colours are judged once fade-ins are over (the endless pulses never are).
  await page.evaluate(() =>
    Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined))),
  );
  const violations = await page.evaluate(async () => {
    // label-content-name-mismatch is "experimental" (off by default): on, a
    // button whose name does not start with its visible label (WCAG 2.5.3) fails too.
    const r = await window.axe.run(document, { resultTypes: ['violations'], rules: { 'label-content-name-mismatch': { enabled: true } } });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1, 2).join(' ').trim()}`) }));
  });
  axeRuns++;
  for (const v of violations) axeFindings.push({ where, ...v });
  if (violations.length) log(`  axe: ${violations.length} serious/critical on ${where}: ${violations.map((v) => `${v.id} (${v.nodes.join(' | ')})`).join(', ')}`);
}

/**
 * Records every request a page sends to the network from now on (API or
 * not), from the DevTools protocol: answers the browser's HTTP cache gives
 * without asking the server are not requests of the phone; the
 * revalidations it sends are.
 */
async function countRequests(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const sent = new Map();
  const fromCache = new Set();
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!e.request.url.startsWith('data:')) sent.set(e.requestId, `${e.request.method} ${new URL(e.request.url).pathname}`);
  });
  cdp.on('Network.requestServedFromCache', (e) => fromCache.add(e.requestId));
  cdp.on('Network.responseReceived', (e) => {
    if (e.response.fromDiskCache || e.response.fromPrefetchCache || e.response.fromServiceWorker) fromCache.add(e.requestId);
  });
  return {
    stop: async () => {
      await cdp.detach().catch(() => undefined);
      return { seen: [...sent].filter(([id]) => !fromCache.has(id)).map(([, r]) => r), cached: fromCache.size };
    },
  };
}

/**
 * A phone alone on an open poll of a session of its own, idle for 60 s: its
 * requests are counted while the rest of the test runs. Resolves with them.
 */
async function idlePhoneCheck(base, problems) {
  const call = async (method, path, body, token) => {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    assert(res.ok, `${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  const s = await call('POST', '/sessions', { name: 'Idle phone check', admin_id: 'e2e' });
  const poll = await call('POST', `/sessions/${s.id}/activities`, { type: 'poll', title: 'Idle poll', options: [{ label: 'Yes' }, { label: 'No' }] }, s.admin_token);
  await call('PATCH', `/sessions/${s.id}`, { status: 'active' }, s.admin_token);
  await call('PATCH', `/sessions/${s.id}/activities/${poll.id}`, { status: 'open' }, s.admin_token);
  await call('PATCH', `/sessions/${s.id}`, { current_activity_id: poll.id }, s.admin_token);
  const phone = await newPhone('phone idle', problems);
  await joinByCode(phone, base, s.join_code, 'Idle');
  await phone.page.getByRole('heading', { name: 'Idle poll' }).waitFor({ timeout: 10_000 });
  await phone.page.waitForTimeout(2500); // the join's own requests are done
  const counter = await countRequests(phone.page);
  await phone.page.waitForTimeout(60_000);
  const counted = await counter.stop();
  await phone.ctx.close();
  return counted;
}

async function noHorizontalScroll(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
}

/**
 * Accounts: sign up, create a session, find it signed in on a second browser;
 * an invited moderator moderates and nothing else. E2E_ONLY=accounts runs just this.
 */
async function accountsStep(base, problems) {
  let team = null;
  await step('accounts: sign up, create a session, find it signed in on a second browser; an invited moderator moderates and nothing else', async () => {
    const email = `marta-${RUN_ID}@example.org`;
    const password = 'correct horse battery staple';
    const aCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const a = await aCtx.newPage();
    guard(a, 'account A', problems);
    await a.goto(`${base}/admin/sign-in?mode=signup`);
    await a.getByLabel('Email', { exact: true }).fill(email);
    await a.getByLabel('Password', { exact: true }).fill(password);
    await a.getByLabel('Your name (optional)').fill('Marta Account');
    await axeCheck(a, 'sign-up page');
    await a.getByRole('button', { name: 'Create account', exact: true }).click();
    await a.getByRole('link', { name: 'Signed in as Marta Account' }).waitFor({ timeout: 10_000 });
    await a.getByLabel('Session name').fill('Account session');
    await a.getByRole('button', { name: 'Create session' }).click();
    await a.waitForURL(/\/admin\/sessions\/[0-9a-f-]{36}$/);
    const id = a.url().split('/').pop();
    await a.getByTestId('session-name').getByText('Account session').waitFor();
    await a.getByLabel('Their email').fill(`ana-${RUN_ID}@example.org`);
    await a.getByLabel('Role', { exact: true }).selectOption('moderator');
    await a.getByRole('button', { name: 'Create invitation link' }).click();
    const inviteUrl = await a.getByLabel('Invitation link').inputValue();
    assert(inviteUrl.includes('/admin/invitations/'), `invitation url ${inviteUrl}`);

    // A second browser: sign in, the session is listed, the cookie alone opens it.
    const bCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const b = await bCtx.newPage();
    guard(b, 'account B', problems);
    await b.goto(`${base}/admin`);
    await b.getByRole('link', { name: 'Sign in', exact: true }).click();
    await b.getByLabel('Email', { exact: true }).fill(email);
    await b.getByLabel('Password', { exact: true }).fill(password);
    await b.getByRole('button', { name: 'Sign in', exact: true }).click();
    const mine = b.getByRole('list', { name: 'My sessions' });
    await mine.getByRole('link', { name: /Account session/ }).waitFor({ timeout: 10_000 });
    await axeCheck(b, 'dashboard home, signed in');
    await mine.getByRole('link', { name: /Account session/ }).click();
    await b.waitForURL(new RegExp(`/admin/sessions/${id}$`));
    await b.getByTestId('session-name').getByText('Account session').waitFor({ timeout: 10_000 });

    // The invited moderator signs up from the link and lands on moderation.
    const cCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const c = await cCtx.newPage();
    guard(c, 'moderator account', problems);
    await c.goto(inviteUrl.replace(/^https?:\/\/[^/]+/, base));
    await c.getByRole('button', { name: 'Create account', exact: true }).click();
    await c.getByLabel('Email', { exact: true }).fill(`ana-${RUN_ID}@example.org`);
    await c.getByLabel('Password', { exact: true }).fill(password);
    await c.getByRole('button', { name: 'Create account', exact: true }).click();
    await c.waitForURL(new RegExp(`/admin/sessions/${id}/moderate$`), { timeout: 10_000 });
    const patch = await c.evaluate(
      async (sid) =>
        (await fetch(`/api/v1/sessions/${sid}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Taken over' }) })).status,
      id,
    );
    assert(patch === 403, `a moderator renamed the session (${patch})`);
    team = { id, a, c, password, contexts: [aCtx, bCtx, cCtx] };
  });

  await step("accounts: the owner's Team card lists who accepted; the owner removes the moderator and hands the session to the co-host", async () => {
    const { id, a, c, password, contexts } = team;
    try {
      const anaEmail = `ana-${RUN_ID}@example.org`;
      const boEmail = `bo-${RUN_ID}@example.org`;
      const members = a.getByRole('list', { name: 'Team members' });
      const row = (email) => members.getByTestId('team-member').filter({ hasText: email });
      // A moderator may not read the team.
      const modTeam = await c.evaluate(async (sid) => (await fetch(`/api/v1/sessions/${sid}/members`)).status, id);
      assert(modTeam === 403, `a moderator read the team (${modTeam})`);

      // The owner invites a co-host: the invitation is listed as pending at once.
      await a.getByLabel('Their email').fill(boEmail);
      await a.getByLabel('Role', { exact: true }).selectOption('co-host');
      await a.getByRole('button', { name: 'Create invitation link' }).click();
      const pending = a.getByRole('list', { name: 'Pending invitations' });
      await pending.getByText(boEmail).waitFor({ timeout: 10_000 });
      const coHostUrl = await a.getByLabel('Invitation link').inputValue();
      assert(coHostUrl.includes('/admin/invitations/'), `co-host invitation url ${coHostUrl}`);

      const dCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      contexts.push(dCtx);
      const d = await dCtx.newPage();
      guard(d, 'co-host account', problems);
      await d.goto(coHostUrl.replace(/^https?:\/\/[^/]+/, base));
      await d.getByRole('button', { name: 'Create account', exact: true }).click();
      await d.getByLabel('Email', { exact: true }).fill(boEmail);
      await d.getByLabel('Password', { exact: true }).fill(password);
      await d.getByLabel('Your name (optional)').fill('Bo Account');
      await d.getByRole('button', { name: 'Create account', exact: true }).click();
      await d.waitForURL(new RegExp(`/admin/sessions/${id}$`), { timeout: 10_000 });
      await d.getByTestId('session-name').getByText('Account session').waitFor({ timeout: 10_000 });
      // A co-host: no hand-over, no delete (the co-host has no admin link in this browser).
      await d.getByRole('list', { name: 'Team members' }).waitFor({ timeout: 10_000 });
      assert((await d.getByRole('button', { name: 'Make owner' }).count()) === 0, 'a co-host is offered "Make owner"');
      assert((await d.getByRole('button', { name: 'Delete session' }).count()) === 0, 'a co-host is offered "Delete session"');

      // The owner's dashboard lists both, with their roles; nothing is pending any more.
      await a.reload();
      await row(anaEmail).getByText('Moderator').waitFor({ timeout: 10_000 });
      await row('Bo Account').getByText('Co-host').waitFor();
      await a.getByTestId('team-owner').getByText('Marta Account').waitFor();
      assert((await a.getByRole('list', { name: 'Pending invitations' }).count()) === 0, 'accepted invitations are still pending');
      await a.getByTestId('team-card').scrollIntoViewIfNeeded();
      await axeCheck(a, 'dashboard: team card');
      await a.getByTestId('team-card').screenshot({ path: join(shotsDir, 'dashboard-team.png'), animations: 'disabled' });
      const listed = async () => (await c.evaluate(async () => (await (await fetch('/api/v1/me/sessions')).json()).sessions.map((x) => x.id)));
      assert((await listed()).includes(id), "the session is not in the moderator's list");

      // Remove the moderator: confirm, the row goes, the session leaves their list.
      await row(anaEmail).getByRole('button', { name: 'Remove' }).click();
      const removeDialog = a.getByRole('alertdialog');
      await removeDialog.getByText(`Remove ${anaEmail} from the team?`).waitFor();
      await removeDialog.getByRole('button', { name: 'Remove' }).click();
      await a.getByText(`${anaEmail} is no longer on the team.`).waitFor({ timeout: 10_000 });
      await row(anaEmail).waitFor({ state: 'detached', timeout: 10_000 });
      assert(!(await listed()).includes(id), "the removed moderator still has the session in their list");

      // Hand the session over to the co-host: the old owner becomes a co-host.
      await row('Bo Account').getByRole('button', { name: 'Make owner' }).click();
      const transferDialog = a.getByRole('alertdialog');
      await transferDialog.getByText('You stay on the team as a co-host').waitFor();
      await transferDialog.getByRole('button', { name: 'Make owner' }).click();
      await a.getByText('Bo Account is now the owner. You are a co-host.').waitFor({ timeout: 10_000 });
      await a.getByTestId('team-owner').getByText('Bo Account').waitFor({ timeout: 10_000 });
      await row('Marta Account').getByText('Co-host').waitFor();
      assert((await a.getByRole('button', { name: 'Make owner' }).count()) === 0, 'the old owner is still offered "Make owner"');

      // The new owner's dashboard: "Make owner" next to the old owner, and delete.
      await d.reload();
      await d.getByTestId('team-owner').getByText('Bo Account').waitFor({ timeout: 10_000 });
      await d.getByRole('list', { name: 'Team members' }).getByTestId('team-member').filter({ hasText: 'Marta Account' }).getByRole('button', { name: 'Make owner' }).waitFor();
      await d.getByRole('button', { name: 'Delete session' }).waitFor();
      await axeCheck(d, 'dashboard: team card (new owner)');
    } finally {
      await Promise.all(contexts.map((x) => x.close()));
    }
  });
}

async function main() {
  assert(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`);
  assert(existsSync(join(webDir, 'dist', 'index.html')), 'web/dist/index.html is missing: run `npm run build` first');
  await buildBinaryIfMissing();

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let serverLog = '';
  const problems = [];

  await step(`create database ${DB_NAME}`, async () => {
    await psql(`CREATE DATABASE ${DB_NAME}`);
    dbCreated = true;
  });

  await step(`start ${BIN} serve on ${base}`, async () => {
    serverLog = await startServer(port);
    await waitFor(`${base}/readyz`, 60_000);
    const html = await (await fetch(`${base}/join`)).text();
    assert(html.includes('<div id="root">'), 'the binary serves the placeholder, not the web app: rebuild it after `npm run build`');
  });

  const userDataDir = mkdtempSync(join(tmpdir(), 'caja-e2e-chromium-'));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--disk-cache-dir=${join(userDataDir, 'cache')}`,
    ],
  });
  process.on('exit', () => rmSync(userDataDir, { recursive: true, force: true }));

  if (process.env.E2E_ONLY === 'accounts' || process.env.E2E_ONLY === 'languages') {
    if (process.env.E2E_ONLY === 'accounts') await accountsStep(base, problems);
    else await languages({ step, pendingStep, assert, log, axeCheck, browser, base, shotsDir, guard, problems });
    await step('no page errors, CSP violations or serious accessibility violations', async () => {
      assert(problems.length === 0, problems.join('\n'));
      assert(axeFindings.length === 0, axeFindings.map((f) => `${f.where}: ${f.id}: ${f.help}`).join('\n'));
    });
    return;
  }

  // --- organizer -----------------------------------------------------------------
  const orgCtx = await browser.newContext({ viewport: { width: 1440, height: 960 } });
  const org = await orgCtx.newPage();
  guard(org, 'dashboard', problems);
  let sessionId = '';
  let joinCode = '';
  let displayHref = '';

  await step('organizer creates a session in the dashboard', async () => {
    await org.goto(`${base}/admin`);
    await org.getByLabel('Session name').fill('Caja launch all-hands');
    await org.getByLabel('Description (optional)').fill('Quarterly all-hands with live questions');
    await org.getByLabel('Your name').fill('Marta');
    await org.getByRole('button', { name: 'Create session' }).click();
    await org.waitForURL(/\/admin\/sessions\/[0-9a-f-]{36}$/);
    sessionId = org.url().split('/').pop();
    await org.getByTestId('session-name').getByText('Caja launch all-hands').waitFor();
  });

  await step('the editor shows a server validation error next to its field', async () => {
    await org.getByRole('button', { name: '+ Add activity' }).click();
    const dialog = org.getByRole('dialog', { name: 'New activity' });
    await dialog.getByLabel('Question', { exact: true }).fill('Empty option test');
    await dialog.getByLabel('Option 1', { exact: true }).fill('Only one');
    await dialog.getByRole('button', { name: 'Add activity' }).click();
    await dialog.getByText('Option is required').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  await step('organizer adds a poll', async () => {
    await org.getByRole('button', { name: '+ Add activity' }).click();
    const dialog = org.getByRole('dialog', { name: 'New activity' });
    await dialog.getByLabel('Question', { exact: true }).fill('Where should we hold the next offsite?');
    await dialog.getByLabel('Option 1', { exact: true }).fill('Lisbon');
    await dialog.getByLabel('Option 2', { exact: true }).fill('Mexico City');
    await dialog.getByRole('button', { name: '+ Add option' }).click();
    await dialog.getByLabel('Option 3', { exact: true }).fill('Kyoto');
    await dialog.getByRole('button', { name: 'Add activity' }).click();
    await dialog.waitFor({ state: 'detached' });
    await org.getByRole('list', { name: 'Activities' }).getByText('Where should we hold the next offsite?').waitFor();
  });

  await step('organizer adds an open-text question and a Q&A', async () => {
    for (const [type, title] of [
      ['Open text', 'One thing we should start doing'],
      ['Q&A', 'Ask the leadership team'],
    ]) {
      await org.getByRole('button', { name: '+ Add activity' }).click();
      const dialog = org.getByRole('dialog', { name: 'New activity' });
      await dialog.getByText(type, { exact: true }).click();
      await dialog.getByLabel(type === 'Q&A' ? 'Title' : 'Question', { exact: true }).fill(title);
      await dialog.getByRole('button', { name: 'Add activity' }).click();
      await dialog.waitFor({ state: 'detached' });
      await org.getByRole('list', { name: 'Activities' }).getByText(title).waitFor();
    }
  });

  await step('organizer starts the session; one click on Present puts the poll on screen and opens it', async () => {
    await org.getByRole('button', { name: 'Start session' }).click();
    await org.getByText('● Live').waitFor();
    await org.getByRole('button', { name: 'Present Where should we hold the next offsite?' }).click();
    await org.getByRole('heading', { level: 3, name: 'Where should we hold the next offsite?', exact: true }).waitFor();
    await org.getByRole('button', { name: 'Close answers', exact: true }).waitFor();
    assert((await org.getByRole('button', { name: 'Open answers', exact: true }).count()) === 0, 'no second click needed to open');
    displayHref = await org.getByRole('link', { name: /Open display/ }).getAttribute('href');
    assert(displayHref && displayHref.includes('key='), `display link has its key: ${displayHref}`);
    const state = await (await fetch(`${base}/api/v1/sessions/${sessionId}`)).json();
    joinCode = state.join_code;
    assert(/^\d{6,8}$/.test(joinCode), `join code ${joinCode}`);
  });

  // --- display -------------------------------------------------------------------
  const dispCtx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const display = await dispCtx.newPage();
  guard(display, 'display', problems);

  await step('the display opens with its key and shows the poll', async () => {
    await display.goto(base + displayHref);
    await display.getByRole('heading', { name: 'Where should we hold the next offsite?' }).waitFor();
  });

  // --- one idle phone, on a session of its own, counted for 60 s in the background ---
  const idle = idlePhoneCheck(base, problems);
  idle.catch(() => undefined); // awaited (and reported) in its step at the end

  // --- phones --------------------------------------------------------------------
  const phones = [];
  const votes = [
    ['Ana', 'Lisbon'],
    ['Ben', 'Kyoto'],
    ['Chidi', 'Lisbon'],
  ];
  await step('three phones join by code through the UI', async () => {
    for (const [nick] of votes) {
      const phone = await newPhone(`phone ${nick}`, problems);
      await joinByCode(phone, base, joinCode, nick, phones.length === 0);
      phones.push(phone);
    }
  });

  let lastVoteAt = 0;
  await step('each phone votes and sees "Your answer is in"', async () => {
    for (let i = 0; i < phones.length; i++) {
      const { page } = phones[i];
      const [, choice] = votes[i];
      await page.getByRole('radio', { name: new RegExp(choice) }).click();
      await page.getByText('Your answer is in').waitFor({ timeout: 10_000 });
      lastVoteAt = Date.now();
    }
    assert(await noHorizontalScroll(phones[0].page), 'no horizontal scrolling on the phone');
    await axeCheck(phones[0].page, 'phone: poll');
  });

  await step('the display shows the three votes within 5 s', async () => {
    await display.getByText('3 responses').waitFor({ timeout: Math.max(500, 5000 - (Date.now() - lastVoteAt)) });
    await display.waitForFunction(() => document.querySelectorAll('[data-testid="display-results"] [data-testid="choice-fill"]').length >= 3, null, { timeout: 3000 });
    const label = await display.getByTestId('display-results').getByRole('img').getAttribute('aria-label');
    assert(label.includes('Lisbon: 2') && label.includes('Kyoto: 1') && label.includes('Mexico City: 0'), `bars: ${label}`);
    // Bars are scaled to the responses: Lisbon's 2 of 3 fill two thirds of the track, not all of it.
    await display.waitForTimeout(900); // the bars grow in 700 ms
    const fills = await display.evaluate(() =>
      [...document.querySelectorAll('[data-testid="display-results"] [data-testid="choice-row"]')].map((row) => {
        const track = row.querySelector('[data-testid="choice-track"]').getBoundingClientRect().width;
        return row.querySelector('[data-testid="choice-fill"]').getBoundingClientRect().width / track;
      }),
    );
    assert(Math.abs(fills[0] - 2 / 3) < 0.02 && Math.abs(fills[2] - 1 / 3) < 0.02 && fills[1] < 0.02, `bar fill fractions ${fills.map((f) => f.toFixed(3))}`);
    await axeCheck(display, 'display: poll');
    log(`  display caught up ${Date.now() - lastVoteAt} ms after the last vote`);
    await display.screenshot({ path: join(shotsDir, 'display.png'), animations: 'disabled' });
  });

  await step('the dashboard shows the live results', async () => {
    await org.getByText('3 responses').waitFor({ timeout: 5000 });
    await org.getByText('3 participants').first().waitFor({ timeout: 5000 });
    const bars = await org.getByLabel('Live results').getByRole('img').getAttribute('aria-label');
    assert(bars.includes('Lisbon: 2'), `dashboard bars: ${bars}`);
    await org.waitForFunction(() => document.querySelectorAll('[aria-label="Live results"] [data-testid="choice-fill"]').length >= 3, null, { timeout: 5000 });
    await org.waitForTimeout(800);
    await org.screenshot({ path: join(shotsDir, 'dashboard.png'), fullPage: true, animations: 'disabled' });
    await axeCheck(org, 'dashboard');
  });

  const exportAs = async (label) => {
    await org.getByRole('button', { name: 'Export ▾' }).click();
    const [download] = await Promise.all([org.waitForEvent('download'), org.getByRole('list', { name: 'Export' }).getByRole('button', { name: label, exact: true }).click()]);
    return download;
  };
  await step('the organizer exports the answers (CSV and JSON, fetched with the token)', async () => {
    for (const format of ['CSV', 'JSON']) {
      const download = await exportAs(format);
      assert(download.suggestedFilename().endsWith(`.${format.toLowerCase()}`), `file name ${download.suggestedFilename()}`);
      const file = join(tmpDir, download.suggestedFilename());
      await download.saveAs(file);
      const text = readFileSync(file, 'utf8');
      assert(text.includes('Lisbon') && text.includes('Kyoto'), `the ${format} export has the votes`);
    }
  });

  await pendingStep('xlsx', 'the export menu downloads an Excel workbook (.xlsx)', async () => {
    const download = await exportAs('Excel (.xlsx)');
    assert(download.suggestedFilename().endsWith('.xlsx'), `file name ${download.suggestedFilename()}`);
    const file = join(tmpDir, download.suggestedFilename());
    await download.saveAs(file);
    const bytes = readFileSync(file);
    assert(bytes.subarray(0, 2).toString('latin1') === 'PK', 'an .xlsx is a zip file');
  });

  await step('a phone reloads and is still itself, still answered', async () => {
    const { page } = phones[0];
    await page.reload();
    await page.getByText('Welcome, Ana!').waitFor({ timeout: 10_000 });
    await page.getByText('Your answer is in').waitFor({ timeout: 10_000 });
    const checked = await page.getByRole('radio', { name: /Lisbon/ }).getAttribute('aria-checked');
    assert(checked === 'true', 'the chosen option is still marked');
    await page.screenshot({ path: join(shotsDir, 'phone.png'), animations: 'disabled' });
  });

  await step('a phone changes its vote while the poll is open', async () => {
    const { page } = phones[1];
    await page.getByRole('radio', { name: /Mexico City/ }).click();
    await page.waitForFunction(() => document.querySelector('[role="radio"][aria-checked="true"]')?.textContent?.includes('Mexico City'));
    await display.waitForFunction(
      () => document.querySelector('[data-testid="display-results"] [role="img"]')?.getAttribute('aria-label')?.includes('Mexico City: 1'),
      null,
      { timeout: 5000 },
    );
  });

  // --- hostile input ---------------------------------------------------------------
  let evil;
  await step('a phone joins with an HTML nickname and answers open text with HTML', async () => {
    await org.getByRole('button', { name: 'Present One thing we should start doing' }).click();
    await org.getByRole('heading', { level: 3, name: 'One thing we should start doing', exact: true }).waitFor();
    await org.getByRole('button', { name: 'Close answers', exact: true }).waitFor();
    evil = await newPhone('phone evil', problems);
    await joinByCode(evil, base, joinCode, XSS_NICK);
    await evil.page.getByLabel('Your answer').fill(XSS_TEXT);
    await evil.page.getByRole('button', { name: 'Send' }).click();
    await evil.page.getByText('Your answer is in').waitFor();
    await phones[0].page.getByLabel('Your answer').fill('Demo days every Friday 🎉');
    await phones[0].page.getByRole('button', { name: 'Send' }).click();
    await phones[0].page.getByText('Your answer is in').waitFor();
    await axeCheck(phones[0].page, 'phone: open text');
  });

  await step('display and dashboard show it as literal text', async () => {
    await display.getByText(XSS_TEXT, { exact: true }).waitFor({ timeout: 5000 });
    await org.getByRole('list', { name: 'Participants' }).getByText(XSS_NICK, { exact: true }).waitFor({ timeout: 8000 });
    // The live results and the entries to moderate both show it.
    await org.getByLabel('Live results').getByText(XSS_TEXT, { exact: true }).waitFor({ timeout: 5000 });
    await evil.page.getByText(`Welcome, ${XSS_NICK}!`).waitFor();
  });

  await step('Q&A: the same payload as a question stays text', async () => {
    await org.getByRole('button', { name: 'Present Ask the leadership team' }).click();
    await org.getByRole('heading', { level: 3, name: 'Ask the leadership team', exact: true }).waitFor();
    await org.getByRole('button', { name: 'Close answers', exact: true }).waitFor();
    await evil.page.getByLabel('Your question').fill(XSS_TEXT);
    await evil.page.getByRole('button', { name: 'Ask' }).click();
    await evil.page.getByText('Your question is in').waitFor();
    await phones[1].page.getByLabel('Your question').fill('What is the roadmap for the mobile app?');
    await phones[1].page.getByRole('button', { name: 'Ask' }).click();
    await phones[1].page.getByText('Your question is in').waitFor();
    // Ana upvotes Ben's question.
    const ana = phones[0].page;
    await ana.getByRole('button', { name: /^Upvote/ }).first().waitFor({ timeout: 5000 });
    const upvote = ana.getByRole('listitem').filter({ hasText: 'roadmap for the mobile app' }).getByRole('button', { name: /^Upvote/ });
    await upvote.click();
    await ana.getByRole('listitem').filter({ hasText: 'roadmap for the mobile app' }).getByRole('button', { name: /Remove upvote/ }).waitFor();
    await display.getByText(XSS_TEXT, { exact: true }).waitFor({ timeout: 5000 });
    await org.getByRole('list', { name: 'Questions to moderate' }).getByText(XSS_TEXT, { exact: true }).waitFor({ timeout: 5000 });
    // Pin Ben's question to the screen.
    await org
      .getByRole('list', { name: 'Questions to moderate' })
      .getByRole('listitem')
      .filter({ hasText: 'roadmap for the mobile app' })
      .getByRole('button', { name: 'Pin to screen' })
      .click();
    await display.getByText('Now answering').waitFor({ timeout: 5000 });
    await display.waitForTimeout(400);
    await display.screenshot({ path: join(shotsDir, 'display-qna.png'), animations: 'disabled' });
    await ana.screenshot({ path: join(shotsDir, 'phone-qna.png'), animations: 'disabled' });
    await axeCheck(ana, 'phone: Q&A');
    // The confirmation goes after a few seconds.
    await phones[1].page.getByText('Your question is in').waitFor({ state: 'detached', timeout: 8000 });
  });

  await step('nothing ran: window.__pwned is undefined everywhere, no injected <img>', async () => {
    for (const page of [display, org, evil.page, ...phones.map((p) => p.page)]) {
      const pwned = await page.evaluate(() => typeof window.__pwned);
      assert(pwned === 'undefined', `window.__pwned is ${pwned} on ${page.url()}`);
      const injected = await page.evaluate(() => document.querySelectorAll('img[src="x"], script:not([src])').length);
      assert(injected === 0, `${injected} injected elements on ${page.url()}`);
    }
  });

  // --- every other activity type on the projector -------------------------------------
  const api = async (method, path, body) => {
    const token = await org.evaluate((sid) => JSON.parse(localStorage.getItem('caja.admin.sessions')).find((s) => s.id === sid).token, sessionId);
    const res = await fetch(`${base}/api/v1/sessions/${sessionId}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    assert(res.ok, `${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  // One click: Present puts a draft on screen and opens it.
  const presentAndOpen = async (title) => {
    await org.getByRole('button', { name: `Present ${title}` }).click();
    await org.getByRole('heading', { level: 3, name: title, exact: true }).waitFor();
    await org.getByRole('button', { name: 'Close answers', exact: true }).waitFor();
    await display.getByRole('heading', { name: title }).waitFor({ timeout: 5000 });
  };

  await step('quiz: countdown, one answer each, reveal, right/wrong and the leaderboard', async () => {
    await api('POST', '/activities', {
      type: 'quiz',
      title: 'Which planet has the most moons?',
      options: [{ label: 'Jupiter' }, { label: 'Saturn', correct: true }, { label: 'Neptune' }, { label: 'Mars' }],
      settings: { time_limit_s: 30, points: 1000 },
    });
    await api('POST', '/activities', { type: 'word_cloud', title: 'One word for this quarter', settings: { max_entries_per_participant: 3 } });
    await api('POST', '/activities', { type: 'rating', title: 'How useful was this all-hands?', settings: { min: 1, max: 5 } });
    await org.getByRole('list', { name: 'Activities' }).getByText('How useful was this all-hands?').waitFor({ timeout: 5000 });
    await presentAndOpen('Which planet has the most moons?');
    await display.getByRole('timer').waitFor();
    const answers = [['Ana', 'Saturn'], ['Ben', 'Jupiter'], ['Chidi', 'Saturn']];
    for (let i = 0; i < phones.length; i++) {
      const { page } = phones[i];
      await page.getByRole('timer').waitFor({ timeout: 5000 });
      if (i === 0) await axeCheck(page, 'phone: quiz');
      await page.getByRole('radio', { name: new RegExp(answers[i][1]) }).click();
      await page.getByText('Locked in. Wait for the reveal…').waitFor();
    }
    await display.getByText('3 answers').waitFor({ timeout: 5000 });
    await display.screenshot({ path: join(shotsDir, 'display-quiz-live.png'), animations: 'disabled' });
    await org.getByRole('button', { name: 'Close answers', exact: true }).click();
    await org.getByRole('button', { name: 'Reveal answer', exact: true }).click();
    const revealedAt = Date.now();
    // Each phone fetches its own score and rank at once (the view's me_marker changed), not on a timer.
    await phones[0].page.getByText('Correct!').waitFor({ timeout: 6000 });
    await phones[0].page.getByText(/you are \d+(st|nd|rd|th)/).waitFor({ timeout: 4000 });
    log(`  phone showed its score and rank ${Date.now() - revealedAt} ms after the reveal`);
    await display.getByRole('region', { name: 'Leaderboard' }).getByText('Chidi').waitFor({ timeout: 5000 });
    await phones[1].page.getByText('Not this time').waitFor({ timeout: 6000 });
    // A revealed quiz cannot be opened again from the dashboard.
    assert((await org.getByRole('button', { name: /^(Re)?[oO]pen answers$/ }).count()) === 0, 'no Reopen on a revealed quiz');
    await display.waitForTimeout(900);
    await display.screenshot({ path: join(shotsDir, 'display-quiz.png'), animations: 'disabled' });
    await axeCheck(display, 'display: quiz reveal');
    await phones[0].page.screenshot({ path: join(shotsDir, 'phone-quiz.png'), animations: 'disabled' });
  });

  await step('quiz with two right options: "Choose 2 answers", both sent in one request, right on the reveal', async () => {
    await api('POST', '/activities', {
      type: 'quiz',
      title: 'Which of these are gas giants?',
      options: [{ label: 'Jupiter', correct: true }, { label: 'Mars' }, { label: 'Saturn', correct: true }, { label: 'Venus' }],
      settings: { time_limit_s: 60, points: 1000 },
    });
    await org.getByRole('list', { name: 'Activities' }).getByText('Which of these are gas giants?').waitFor({ timeout: 5000 });
    await presentAndOpen('Which of these are gas giants?');
    // Ana: both right ones (and no third); Ben: only one of them; Chidi: one right, one wrong.
    const picks = [['Jupiter', 'Saturn'], ['Jupiter'], ['Mars', 'Saturn']];
    for (let i = 0; i < phones.length; i++) {
      const { page } = phones[i];
      await page.getByText('Choose 2 answers').waitFor({ timeout: 5000 });
      for (const label of picks[i]) await page.getByRole('checkbox', { name: new RegExp(label) }).click();
      await page.getByText(`${picks[i].length} of 2 chosen`).waitFor();
      if (i === 0) {
        const venus = page.getByRole('checkbox', { name: /Venus/ });
        assert(await venus.isDisabled(), 'a third option cannot be chosen');
        assert((await venus.getAttribute('aria-checked')) === 'false', 'Venus is not chosen');
        await page.screenshot({ path: join(shotsDir, 'phone-quiz-two-answers.png'), animations: 'disabled' });
      }
      const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/responses'));
      await page.getByRole('button', { name: 'Submit', exact: true }).click();
      const body = (await sent).postDataJSON();
      assert(Array.isArray(body.option_ids) && body.option_ids.length === picks[i].length, `phone ${i} sent ${JSON.stringify(body)}`);
      await page.getByText('Locked in. Wait for the reveal…').waitFor();
      assert((await page.getByRole('button', { name: 'Submit', exact: true }).count()) === 0, 'no second submit');
    }
    await display.getByText('3 answers').waitFor({ timeout: 5000 });
    await org.getByRole('button', { name: 'Close answers', exact: true }).click();
    await org.getByRole('button', { name: 'Reveal answer', exact: true }).click();
    await phones[0].page.getByText('Correct!').waitFor({ timeout: 6000 });
    assert((await phones[0].page.getByText('Right answer').count()) === 2, 'both right options are marked on the phone');
    await phones[1].page.getByText('Not this time').waitFor({ timeout: 6000 });
    await phones[2].page.getByText('Not this time').waitFor({ timeout: 6000 });
    await display.waitForTimeout(900);
    await display.screenshot({ path: join(shotsDir, 'display-quiz-two-answers.png'), animations: 'disabled' });
    await phones[0].page.screenshot({ path: join(shotsDir, 'phone-quiz-two-answers-revealed.png'), animations: 'disabled' });
  });

  await step('word cloud: words from three phones on the display', async () => {
    await presentAndOpen('One word for this quarter');
    const words = [['Momentum', 'Focus', 'Growth'], ['momentum', 'Customers'], ['Growth', 'Momentum', 'Shipping']];
    for (let i = 0; i < phones.length; i++) {
      const { page } = phones[i];
      for (const w of words[i]) {
        await page.getByRole('textbox').fill(w);
        await page.getByRole('button', { name: 'Send' }).click();
        await page.getByRole('list', { name: 'Your words' }).getByText(w, { exact: true }).waitFor();
      }
    }
    await display.getByText('8 responses').waitFor({ timeout: 5000 });
    await display.locator('svg text', { hasText: /momentum/i }).first().waitFor({ timeout: 5000 });
    await display.waitForTimeout(500);
    await display.screenshot({ path: join(shotsDir, 'display-wordcloud.png'), animations: 'disabled' });
    // Centred in its area: the words' bounding box has its middle within 6 % of the area's.
    const off = await display.evaluate(() => {
      const svg = document.querySelector('[data-testid="display-results"] svg');
      const area = svg.getBoundingClientRect();
      const boxes = [...svg.querySelectorAll('text')].map((t) => t.getBoundingClientRect());
      const left = Math.min(...boxes.map((b) => b.left));
      const right = Math.max(...boxes.map((b) => b.right));
      const top = Math.min(...boxes.map((b) => b.top));
      const bottom = Math.max(...boxes.map((b) => b.bottom));
      return {
        dx: ((left + right) / 2 - (area.left + area.width / 2)) / area.width,
        dy: ((top + bottom) / 2 - (area.top + area.height / 2)) / area.height,
      };
    });
    assert(Math.abs(off.dx) < 0.06 && Math.abs(off.dy) < 0.06, `word cloud off centre by ${(off.dx * 100).toFixed(1)} % × ${(off.dy * 100).toFixed(1)} %`);
    await axeCheck(display, 'display: word cloud');
    await axeCheck(phones[0].page, 'phone: word cloud');
  });

  await step('rating: stars on the phones, average and distribution on the display', async () => {
    await presentAndOpen('How useful was this all-hands?');
    const stars = [5, 4, 5];
    for (let i = 0; i < phones.length; i++) {
      await phones[i].page.getByRole('radio', { name: `${stars[i]} out of 5` }).click();
      await phones[i].page.getByText(`You rated ${stars[i]}.`).waitFor();
    }
    await display.getByText('4.7').waitFor({ timeout: 5000 });
    await display.waitForTimeout(900);
    await display.screenshot({ path: join(shotsDir, 'display-rating.png'), animations: 'disabled' });
    await phones[1].page.screenshot({ path: join(shotsDir, 'phone-rating.png'), animations: 'disabled' });
    await axeCheck(phones[1].page, 'phone: rating');
  });

  await step('the projector shows six 120-character options whole: poll bars and quiz tiles, nothing cut or overflowing at 1920×1080', async () => {
    const long = (i) => `Option ${i + 1}: ${'a long answer that an organizer typed in full, because the audience needs every word of it '.repeat(2)}`.slice(0, 119) + '!';
    const labels = Array.from({ length: 6 }, (_, i) => long(i));
    assert(labels.every((l) => l.length === 120), 'labels of 120 characters');
    const check = async (selector, what) => {
      const bad = await display.evaluate(
        ({ selector, labels }) => {
          const out = [];
          const els = [...document.querySelectorAll(selector)];
          if (els.length !== labels.length) out.push(`${els.length} of ${labels.length} shown`);
          for (const el of els) {
            const r = el.getBoundingClientRect();
            if (!labels.some((l) => el.textContent.includes(l))) out.push(`cut: ${el.textContent.slice(0, 40)}…`);
            if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) out.push(`overflows its box: ${el.textContent.slice(0, 20)}`);
            if (r.bottom > window.innerHeight || r.right > window.innerWidth || r.top < 0 || r.left < 0) out.push(`outside the screen: ${el.textContent.slice(0, 20)} ${JSON.stringify(r)}`);
            for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
              const pr = p.getBoundingClientRect();
              const cs = getComputedStyle(p);
              if (cs.overflow !== 'visible' && (r.bottom > pr.bottom + 1 || r.right > pr.right + 1)) {
                out.push(`clipped by ${p.tagName}.${p.className.toString().slice(0, 30)}: ${el.textContent.slice(0, 20)}`);
                break;
              }
            }
          }
          return out;
        },
        { selector, labels },
      );
      assert(bad.length === 0, `${what}: ${bad.join('; ')}`);
    };
    const poll = await api('POST', '/activities', { type: 'poll', title: 'Which long answer do you pick?', options: labels.map((label) => ({ label })) });
    await api('PATCH', `/activities/${poll.id}`, { status: 'open' });
    await api('PATCH', '', { current_activity_id: poll.id });
    await display.getByRole('heading', { name: 'Which long answer do you pick?' }).waitFor({ timeout: 5000 });
    await display.waitForTimeout(600);
    await check('[data-testid="display-results"] [data-testid="choice-label"]', 'poll bars');
    await display.screenshot({ path: join(shotsDir, 'display-long-options.png'), animations: 'disabled' });
    const quiz = await api('POST', '/activities', {
      type: 'quiz',
      title: 'And which long answer is right?',
      options: labels.map((label, i) => ({ label, correct: i === 2 })),
      settings: { time_limit_s: 60, points: 1000 },
    });
    await api('PATCH', `/activities/${poll.id}`, { status: 'closed' });
    await api('PATCH', `/activities/${quiz.id}`, { status: 'open' });
    await api('PATCH', '', { current_activity_id: quiz.id });
    await display.getByRole('heading', { name: 'And which long answer is right?' }).waitFor({ timeout: 5000 });
    await display.getByRole('timer').waitFor();
    await display.waitForTimeout(400);
    await check('[data-testid="quiz-tile"]', 'quiz tiles');
    await display.screenshot({ path: join(shotsDir, 'display-long-quiz.png'), animations: 'disabled' });
    await api('PATCH', `/activities/${quiz.id}`, { status: 'closed' });
  });

  await step('timer and reaction: a 5 s poll counts down on the display, a reaction reaches the presenter view, the server closes the poll', async () => {
    await api('POST', '/activities', { type: 'poll', title: 'Quick one: coffee or tea?', options: [{ label: 'Coffee' }, { label: 'Tea' }], settings: { time_limit_s: 5, sound: true } });
    await presentAndOpen('Quick one: coffee or tea?');
    await display.getByTestId('time-left').waitFor({ timeout: 5000 });
    await phones[0].page.getByRole('button', { name: 'React 👍' }).click();
    await org.getByLabel('Reactions', { exact: true }).getByText('👍').waitFor({ timeout: 5000 });
    // Nobody closes it: the server does at the deadline.
    await display.getByText('Closed', { exact: true }).waitFor({ timeout: 12000 });
    await org.getByRole('button', { name: 'Reopen answers', exact: true }).waitFor({ timeout: 5000 });
  });

  await step('moderation: a listed word waits for approval, the organizer approves it, then hides another answer', async () => {
    await api('POST', '/activities', { type: 'open_text', title: 'Anything else on your mind?' });
    await presentAndOpen('Anything else on your mind?');
    const answer = async (page, text) => {
      await page.getByLabel('Your answer').fill(text);
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByText('Your answer is in').waitFor();
    };
    await answer(phones[1].page, 'This agenda is sh1t');
    await answer(phones[2].page, 'More pizza please');
    await display.getByText('More pizza please', { exact: true }).waitFor({ timeout: 5000 });
    const queue = org.getByRole('region', { name: 'Waiting for approval' });
    await queue.getByText('This agenda is sh1t', { exact: true }).waitFor({ timeout: 5000 });
    assert((await display.getByText('This agenda is sh1t').count()) === 0, 'the held answer is not on the display');
    await org.screenshot({ path: join(shotsDir, 'dashboard-held.png') });
    await queue.getByRole('button', { name: 'Approve This agenda is sh1t' }).click();
    await display.getByText('This agenda is sh1t', { exact: true }).waitFor({ timeout: 5000 });
    await org.getByText(/^Moderate entries/).click();
    await org.getByRole('button', { name: 'Hide More pizza please' }).click();
    await display.getByText('More pizza please', { exact: true }).waitFor({ state: 'detached', timeout: 5000 });
    await org.getByRole('button', { name: 'Show More pizza please' }).waitFor({ timeout: 5000 });
  });

  // --- ranking, scales, 100 points, numbers, content slides, images (e2e/more-types.mjs) ---
  {
    await moreTypes({
      step,
      assert,
      log,
      axeCheck,
      org,
      display,
      phones,
      shotsDir,
      presentAndOpen,
      base,
      sessionId,
      XSS_TEXT,
    });
  }

  // --- German and Arabic phones, the display in French (e2e/languages.mjs) ---
  await languages({ step, pendingStep, assert, log, axeCheck, browser, base, shotsDir, guard, problems });

  await step('back to the lobby: the display shows the join code and the QR code', async () => {
    await org.getByRole('button', { name: 'Back to lobby' }).click();
    await display.getByTestId('join-code').waitFor({ timeout: 5000 });
    await display.getByRole('img', { name: /QR code to join/ }).waitFor();
    const qrOk = await display.getByRole('img', { name: /QR code to join/ }).evaluate((img) => img.complete && img.naturalWidth > 0);
    assert(qrOk, 'the QR code image loaded');
    await display.screenshot({ path: join(shotsDir, 'display-lobby.png'), animations: 'disabled' });
    await phones[2].page.getByText("You're in!").waitFor({ timeout: 5000 });
    await axeCheck(display, 'display: lobby');
    await axeCheck(phones[2].page, 'phone: lobby');
  });

  await pendingStep('lobby-names', 'the lobby lists the nicknames of who joined, newest first, on the display and the dashboard', async () => {
    for (const [page, where] of [[display, 'display'], [org, 'dashboard']]) {
      const list = page.getByTestId('recent-participants');
      await list.waitFor({ timeout: 5000 });
      const names = await list.getByRole('listitem').allTextContents();
      assert(names[0] === XSS_NICK, `${where}: the newest first (${names.join(', ')})`);
      for (const n of ['Ana', 'Ben', 'Chidi']) assert(names.includes(n), `${where}: ${n} listed (${names.join(', ')})`);
    }
  });

  await step('a removed phone learns it without polling /me: the marker moves, /me refuses its token', async () => {
    await org
      .getByRole('list', { name: 'Participants' })
      .getByRole('button', { name: `Remove ${XSS_NICK}`, exact: true })
      .click();
    await org.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
    const kickedAt = Date.now();
    // One poll to see the marker, /me, then the 401s are retried for ME_AUTH_GRACE_MS (6 s).
    await evil.page.getByText(/the host removed you/).waitFor({ timeout: 20_000 });
    log(`  the removed phone knew ${Date.now() - kickedAt} ms after the kick`);
  });

  await step('the organizer ends the session; phones show the closing screen', async () => {
    await org.getByRole('button', { name: 'End session' }).click();
    await org.getByRole('alertdialog').getByRole('button', { name: 'End session' }).click();
    await org.getByText('This session has ended.').first().waitFor();
    await phones[2].page.getByText('Thanks for taking part!').waitFor({ timeout: 6000 });
    await axeCheck(phones[2].page, 'phone: closing screen');
  });

  await step('the dashboard shows the ended session read-only; exports still work', async () => {
    const activities = org.getByRole('list', { name: 'Activities' });
    await activities.getByText('Which planet has the most moons?').waitFor();
    // Activities cannot change; the owner may still delete the whole session (the Team card).
    for (const name of [/^Present/, /^Edit/, /^Delete(?! session)/, /Open answers/, /Reveal answer/, /^Next/, /^← Previous/, /\+ Add activity/]) {
      assert((await org.getByRole('button', { name }).count()) === 0, `no ${name} button on an ended session`);
    }
    const download = await exportAs('CSV');
    assert(download.suggestedFilename().endsWith('.csv'), 'CSV export of an ended session');
  });

  await pendingStep('ended-join', 'a phone that opens the join link of the ended session is told it has ended', async () => {
    const late = await newPhone('phone late', problems);
    await late.page.goto(`${base}/join/${joinCode}`);
    await late.page.getByText(/has ended/).waitFor({ timeout: 5000 });
    assert((await late.page.getByText(/No live session/).count()) === 0, 'not "no live session has the code"');
    await late.ctx.close();
  });

  await accountsStep(base, problems);

  await step('the browsers polled through the HTTP cache (If-None-Match → 304), /state and /participants/me', async () => {
    const metrics = await (await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    const count = (view, code) => Number(new RegExp(`caja_poll_responses_total\\{code="${code}",view="${view}"\\} (\\d+)`).exec(metrics)?.[1] ?? 0);
    for (const view of ['participant', 'display']) {
      log(`  ${view}: ${count(view, 200)} × 200, ${count(view, 304)} × 304`);
      assert(count(view, 304) > 0, `no 304 answers for the ${view} view`);
    }
    // The admin view carries the display key: Cache-Control private,
    // no-store, so the browser keeps no copy to revalidate (304s only if
    // the app sends If-None-Match itself).
    log(`  admin: ${count('admin', 200)} × 200, ${count('admin', 304)} × 304`);
    assert(count('admin', 200) > 0, 'the admin view was never served');
    // The phones' /participants/me goes through the same cache.
    const me = (code) =>
      Number(new RegExp(`caja_http_requests_total\\{method="GET",route="/api/v1/sessions/:id/participants/me",status="${code}"\\} (\\d+)`).exec(metrics)?.[1] ?? 0);
    log(`  participants/me: ${me(200)} × 200, ${me(304)} × 304`);
    assert(me(304) > 0, 'no 304 answers for /participants/me');
  });

  await step('an idle phone on an open poll made at most 32 requests in 60 s (one /state per 2 s interval)', async () => {
    const { seen, cached } = await idle;
    const counts = {};
    for (const r of seen) counts[r] = (counts[r] ?? 0) + 1;
    log(`  ${seen.length} requests in 60 s: ${JSON.stringify(counts)}; ${cached} more answered by the browser's cache alone`);
    assert(seen.length <= 32, `${seen.length} requests: ${JSON.stringify(counts)}`);
    assert(seen.length >= 15, `the phone kept polling (${seen.length} requests)`);
  });

  await step(`axe-core: no serious or critical accessibility violations (${axeRuns} pages checked)`, async () => {
    assert(axeRuns >= 14, `only ${axeRuns} axe runs`);
    const text = axeFindings.map((f) => `${f.where}: [${f.impact}] ${f.id}: ${f.help}\n      ${f.nodes.join('\n      ')}`).join('\n  ');
    assert(axeFindings.length === 0, `${axeFindings.length} violations:\n  ${text}`);
  });

  await step('no page errors and no CSP violations', async () => {
    assert(problems.length === 0, problems.join('\n'));
  });

  void serverLog;
}

let exitCode = 0;
try {
  await main();
} catch (err) {
  exitCode = 1;
  console.error(`\nE2E FAILED: ${err.stack || err}`);
  const logFile = join(tmpDir, 'server.log');
  if (existsSync(logFile)) {
    const lines = readFileSync(logFile, 'utf8').trim().split('\n');
    console.error(`\n--- last server log lines (${logFile}) ---\n${lines.slice(-30).join('\n')}`);
  }
  if (browser) {
    for (const ctx of browser.contexts()) {
      for (const [i, page] of ctx.pages().entries()) {
        await page.screenshot({ path: join(tmpDir, `failure-${browser.contexts().indexOf(ctx)}-${i}.png`) }).catch(() => undefined);
      }
    }
    console.error(`failure screenshots: ${tmpDir}`);
  }
} finally {
  await cleanup();
}
console.log(`\ne2e: ${passed} passed, ${failed} failed`);
process.exit(exitCode || (failed ? 1 : 0));
