import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, mockFetch } from '../test/fetchMock';
import { renderApp } from '../test/render';
import { adminStore } from '../services/storage';
import type { Activity } from '../types/activity';
import type { AdminState, DisplayState } from '../types/state';
import { shortcutFor, usePresenterKeys } from './usePresenterKeys';

function key(init: KeyboardEventInit, target?: Element): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
  if (target) Object.defineProperty(e, 'target', { value: target });
  return e;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('shortcutFor', () => {
  it('maps the presenter keys', () => {
    expect(shortcutFor(key({ key: 'ArrowRight' }))).toBe('next');
    expect(shortcutFor(key({ key: 'PageDown' }))).toBe('next');
    expect(shortcutFor(key({ key: 'ArrowLeft' }))).toBe('previous');
    expect(shortcutFor(key({ key: ' ' }, document.body))).toBe('toggleOpen');
    expect(shortcutFor(key({ key: 'r' }))).toBe('reveal');
    expect(shortcutFor(key({ key: 'H' }))).toBe('hide');
    expect(shortcutFor(key({ key: 'q' }))).toBe('qr');
    expect(shortcutFor(key({ key: 'f' }))).toBe('fullscreen');
    expect(shortcutFor(key({ key: '?', shiftKey: true }))).toBe('help');
    expect(shortcutFor(key({ key: 'x' }))).toBeNull();
  });

  it('ignores keys while typing, with modifiers, repeats, Space on a button and under an open dialog', () => {
    for (const tag of ['input', 'textarea', 'select']) {
      const el = document.createElement(tag);
      document.body.append(el);
      expect(shortcutFor(key({ key: 'r' }, el))).toBeNull();
      expect(shortcutFor(key({ key: 'ArrowRight' }, el))).toBeNull();
    }
    const editable = document.createElement('div');
    editable.setAttribute('contenteditable', 'true');
    const inner = document.createElement('span');
    editable.append(inner);
    document.body.append(editable);
    expect(shortcutFor(key({ key: 'q' }, inner))).toBeNull();
    expect(shortcutFor(key({ key: 'r', ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key({ key: 'f', metaKey: true }))).toBeNull();
    expect(shortcutFor(key({ key: 'ArrowLeft', altKey: true }))).toBeNull();
    expect(shortcutFor(key({ key: 'ArrowRight', repeat: true }))).toBeNull();
    const button = document.createElement('button');
    document.body.append(button);
    expect(shortcutFor(key({ key: ' ' }, button))).toBeNull();
    expect(shortcutFor(key({ key: 'ArrowRight' }, button))).toBe('next');
    const dialog = document.createElement('div');
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-modal', 'true');
    document.body.append(dialog);
    expect(shortcutFor(key({ key: 'ArrowRight' }))).toBeNull();
  });

  it('usePresenterKeys calls the handler and keeps Space from scrolling', () => {
    const next = vi.fn();
    const toggle = vi.fn();
    function Probe() {
      usePresenterKeys({ next, toggleOpen: toggle });
      return <input aria-label="typing here" />;
    }
    render(<Probe />);
    const e = key({ key: ' ' });
    act(() => {
      window.dispatchEvent(e);
    });
    expect(toggle).toHaveBeenCalledTimes(1);
    expect(e.defaultPrevented).toBe(true);
    // A key without a handler is left alone.
    const r = key({ key: 'r' });
    window.dispatchEvent(r);
    expect(r.defaultPrevented).toBe(false);
    screen.getByLabelText('typing here').dispatchEvent(key({ key: 'ArrowRight' }));
    expect(next).not.toHaveBeenCalled();
  });
});

const SID = '11111111-2222-3333-4444-777777777777';
const session = {
  id: SID,
  name: 'Keys',
  description: null,
  status: 'active' as const,
  admin_id: 'Marta',
  join_code: '123456',
  join_url: 'http://localhost/join/123456',
  qr_code_url: 'data:image/png;base64,AAAA',
  current_activity_id: 'a1',
  show_join_info: false,
  created_at: '2030-01-01T10:00:00Z',
  updated_at: '2030-01-01T10:00:00Z',
};
const a1: Activity = { id: 'a1', type: 'poll', title: 'First', status: 'open', position: 0, results_visible: false, options: [{ id: 'o1', label: 'x' }], settings: { multiple: false, max_choices: null }, opened_at: null, results: { total_responses: 0, options: [] } };
const a2: Activity = { id: 'a2', type: 'poll', title: 'Second', status: 'draft', position: 1, results_visible: false, options: [{ id: 'o2', label: 'y' }], settings: { multiple: false, max_choices: null }, opened_at: null };

function routes(extra: Record<string, Parameters<typeof mockFetch>[0][string]> = {}) {
  const byId = (id: string) => [a1, a2].find((a) => a.id === id)!;
  return mockFetch({
    [`GET /api/v1/sessions/${SID}/participants`]: () => json({ participants: [] }),
    [`PATCH /api/v1/sessions/${SID}`]: (r) => json({ ...session, ...(r.body as object) }),
    [`PATCH /api/v1/sessions/${SID}/activities/:id`]: (r) => json({ ...byId(r.path.split('/').pop()!), ...(r.body as object) }),
    [`GET /api/v1/sessions/${SID}/activities`]: () => json({ activities: [a1, a2] }),
    ...extra,
  });
}
const patchesOf = (calls: ReturnType<typeof mockFetch>['calls']) =>
  calls.filter((c) => c.method === 'PATCH').map((c) => [c.path.replace(`/api/v1/sessions/${SID}`, '') || '/', c.body, c.headers.get('Authorization')]);

describe('dashboard keys', () => {
  const adminState: AdminState = { session: { ...session, display_key: 'dk' }, activities: [a1, a2], current_activity: a1, participant_count: 0, leaderboard: [] };

  it('→ leaves for the next activity, Space closes, R reveals, Q shows the join info, ? lists the keys', async () => {
    const user = userEvent.setup();
    adminStore.save({ id: SID, name: 'Keys', token: 'admintok', createdAt: '2030-01-01T10:00:00Z' });
    document.documentElement.requestFullscreen = vi.fn(async () => undefined);
    // The server's state follows the commands.
    let live: AdminState = structuredClone(adminState);
    const sync = () => ({ ...live, current_activity: live.activities.find((a) => a.id === live.session.current_activity_id) ?? null });
    const { calls } = routes({
      [`GET /api/v1/sessions/${SID}/state`]: () => json(sync()),
      [`PATCH /api/v1/sessions/${SID}`]: (r) => {
        live = { ...live, session: { ...live.session, ...(r.body as object) } };
        return json(live.session);
      },
      [`PATCH /api/v1/sessions/${SID}/activities/:id`]: (r) => {
        const id = r.path.split('/').pop()!;
        live = { ...live, activities: live.activities.map((a) => (a.id === id ? ({ ...a, ...(r.body as object) } as Activity) : a)) };
        return json(live.activities.find((a) => a.id === id));
      },
    });
    renderApp(`/admin/sessions/${SID}`);
    await screen.findByTestId('session-name', {}, { timeout: 5000 });
    await user.keyboard('{ArrowRight}');
    await waitFor(() => expect(patchesOf(calls)).toHaveLength(3));
    expect(patchesOf(calls)).toEqual([
      ['/activities/a1', { status: 'closed' }, 'Bearer admintok'],
      ['/activities/a2', { status: 'open' }, 'Bearer admintok'],
      ['/', { current_activity_id: 'a2' }, 'Bearer admintok'],
    ]);
    calls.length = 0;
    // a2 is on screen and open: Space closes it.
    await screen.findByRole('heading', { name: 'Second' });
    await user.keyboard(' ');
    await waitFor(() => expect(patchesOf(calls)).toEqual([['/activities/a2', { status: 'closed' }, 'Bearer admintok']]));
    calls.length = 0;
    await user.keyboard('q');
    await waitFor(() => expect(patchesOf(calls)).toEqual([['/', { show_join_info: true }, 'Bearer admintok']]));

    await user.keyboard('?');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByText('Next activity')).toBeInTheDocument();
    expect(within(dialog).getByText('Full screen')).toBeInTheDocument();
    expect(dialog).toHaveFocus();
    calls.length = 0;
    // Under the dialog the keys do nothing; Escape closes it.
    await user.keyboard('r');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(patchesOf(calls)).toEqual([]);
  });

  it('does nothing while typing in a field', async () => {
    const user = userEvent.setup();
    adminStore.save({ id: SID, name: 'Keys', token: 'admintok', createdAt: '2030-01-01T10:00:00Z' });
    const { calls } = routes({ [`GET /api/v1/sessions/${SID}/state`]: () => json(adminState) });
    renderApp(`/admin/sessions/${SID}`);
    await screen.findByTestId('session-name', {}, { timeout: 5000 });
    await user.click(screen.getByRole('button', { name: 'Edit session details' }));
    const name = await screen.findByLabelText('Session name');
    await user.type(name, ' rhq');
    expect(patchesOf(calls)).toEqual([]);
  });
});

describe('display keys', () => {
  const display: DisplayState = { session, current_activity: a1, participant_count: 0, leaderboard: [], pinned_question: null };

  it('with the admin token in this browser, R reveals and → moves on', async () => {
    const user = userEvent.setup();
    adminStore.save({ id: SID, name: 'Keys', token: 'admintok', createdAt: '2030-01-01T10:00:00Z' });
    const { calls } = routes({ [`GET /api/v1/sessions/${SID}/state`]: () => json(display) });
    renderApp(`/display/${SID}?key=dk`);
    await screen.findByText('First', {}, { timeout: 5000 });
    await user.keyboard('r');
    await waitFor(() => expect(patchesOf(calls)).toEqual([['/activities/a1', { results_visible: true }, 'Bearer admintok']]));
    calls.length = 0;
    await user.keyboard('{ArrowRight}');
    await waitFor(() => expect(patchesOf(calls)).toHaveLength(3));
    expect(patchesOf(calls).map((p) => p[1])).toEqual([{ status: 'closed' }, { status: 'open' }, { current_activity_id: 'a2' }]);
  });

  it('without it, only Q (here), F and ? work', async () => {
    const user = userEvent.setup();
    adminStore.forget(SID);
    const { calls } = routes({ [`GET /api/v1/sessions/${SID}/state`]: () => json(display) });
    renderApp(`/display/${SID}?key=dk`);
    await screen.findByText('First', {}, { timeout: 5000 });
    await user.keyboard('r{ArrowRight} ');
    expect(screen.queryByRole('complementary', { name: 'How to join' })).toBeNull();
    await user.keyboard('q');
    expect(await screen.findByRole('complementary', { name: 'How to join' })).toBeInTheDocument();
    expect(patchesOf(calls)).toEqual([]);
    await user.keyboard('?');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).queryByText('Next activity')).toBeNull();
    expect(within(dialog).getByText(/Open the display from the dashboard/)).toBeInTheDocument();
  });
});
