import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json, mockFetch } from '../test/fetchMock';
import { renderApp } from '../test/render';
import { adminStore } from '../services/storage';
import type { Activity } from '../types/activity';
import type { AdminState } from '../types/state';
import { takeTokenFromHash } from './AdminSession';

const SID = '11111111-2222-3333-4444-555555555555';

const adminState: AdminState = {
  session: {
    id: SID,
    name: 'Town hall',
    description: 'Q1',
    status: 'active',
    admin_id: 'Marta',
    join_code: '123456',
    join_url: 'http://localhost/join/123456',
    qr_code_url: 'data:image/png;base64,AAAA',
    current_activity_id: null,
    show_join_info: false,
    created_at: '2030-01-01T10:00:00Z',
    updated_at: '2030-01-01T10:00:00Z',
    display_key: 'dk',
  },
  activities: [
    { id: 'a1', type: 'poll', title: 'Lunch?', status: 'draft', position: 0, results_visible: false, options: [{ id: 'o1', label: 'Pizza' }, { id: 'o2', label: 'Sushi' }], settings: { multiple: false, max_choices: null }, opened_at: null },
  ],
  current_activity: null,
  participant_count: 2,
  leaderboard: [],
};

describe('admin link', () => {
  it('stores the token from #token=… and strips it from the address bar', () => {
    window.history.replaceState(null, '', `/admin/sessions/${SID}#token=secret-token`);
    takeTokenFromHash(SID);
    expect(adminStore.get(SID)?.token).toBe('secret-token');
    expect(window.location.hash).toBe('');
    expect(window.location.pathname).toBe(`/admin/sessions/${SID}`);
  });
});

describe('organizer dashboard', () => {
  it('polls the admin view with the token and presents an activity', async () => {
    const user = userEvent.setup();
    adminStore.save({ id: SID, name: 'Town hall', token: 'admintok', createdAt: '2030-01-01T10:00:00Z' });
    const { calls } = mockFetch({
      [`GET /api/v1/sessions/${SID}/state`]: () => json(adminState),
      [`GET /api/v1/sessions/${SID}/participants`]: () => json({ participants: [{ id: 'p1', nickname: '<b>Ana</b>', score: 0, joined_at: '2030-01-01T10:00:00Z' }] }),
      [`PATCH /api/v1/sessions/${SID}`]: () => json(adminState.session),
      [`PATCH /api/v1/sessions/${SID}/activities/a1`]: () => json({ ...adminState.activities[0], status: 'open' }),
    });
    renderApp(`/admin/sessions/${SID}`);
    expect(await screen.findByTestId('session-name')).toHaveTextContent('Town hall');
    const stateCall = calls.find((c) => c.path.endsWith('/state'))!;
    expect(stateCall.url.searchParams.get('view')).toBe('admin');
    expect(stateCall.headers.get('Authorization')).toBe('Bearer admintok');
    // Participant nicknames are text.
    expect(await screen.findByText('<b>Ana</b>')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Open display/ })).toHaveAttribute('href', `/display/${SID}?key=dk`);

    await user.click(screen.getByRole('button', { name: 'Present Lunch?' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH' && c.path === `/api/v1/sessions/${SID}`)).toBe(true));
    const patch = calls.find((c) => c.method === 'PATCH' && c.path === `/api/v1/sessions/${SID}`)!;
    expect(patch.body).toEqual({ current_activity_id: 'a1' });
    expect(patch.headers.get('Authorization')).toBe('Bearer admintok');
  });

  it('asks for the admin link when this browser has no token', async () => {
    mockFetch({});
    renderApp(`/admin/sessions/${SID}`);
    expect(await screen.findByLabelText('Admin link or token')).toBeInTheDocument();
  });

  it('confirms before ending the session', async () => {
    const user = userEvent.setup();
    adminStore.save({ id: SID, name: 'Town hall', token: 'admintok', createdAt: '2030-01-01T10:00:00Z' });
    const { calls } = mockFetch({
      [`GET /api/v1/sessions/${SID}/state`]: () => json(adminState),
      [`GET /api/v1/sessions/${SID}/participants`]: () => json({ participants: [] }),
      [`PATCH /api/v1/sessions/${SID}`]: () => json({ ...adminState.session, status: 'completed' }),
    });
    renderApp(`/admin/sessions/${SID}`);
    await user.click(await screen.findByRole('button', { name: 'End session' }));
    const dialog = screen.getByRole('alertdialog', { name: 'End this session?' });
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'End session' }));
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ status: 'completed' });
  });

  it('offers to hide everything a removed participant wrote', async () => {
    const user = userEvent.setup();
    adminStore.save({ id: SID, name: 'Town hall', token: 'admintok', createdAt: '2030-01-01T10:00:00Z' });
    const { calls } = mockFetch({
      [`GET /api/v1/sessions/${SID}/state`]: () => json(adminState),
      [`GET /api/v1/sessions/${SID}/participants`]: () => json({ participants: [{ id: 'p1', nickname: 'Troll', score: 0, joined_at: '2030-01-01T10:00:00Z' }] }),
      [`DELETE /api/v1/sessions/${SID}/participants/p1`]: () => new Response(null, { status: 204 }),
    });
    renderApp(`/admin/sessions/${SID}`);
    await user.click(await screen.findByRole('button', { name: 'Remove Troll' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Remove this participant?' });
    const hide = within(dialog).getByRole('checkbox', { name: /Also hide everything they wrote/ });
    expect(hide).not.toBeChecked();
    await user.click(hide);
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE')).toBe(true));
    const kick = calls.find((c) => c.method === 'DELETE')!;
    expect(kick.path).toBe(`/api/v1/sessions/${SID}/participants/p1`);
    expect(kick.url.searchParams.get('hide_entries')).toBe('true');
  });
});

const poll = adminState.activities[0]!;
const quiz: Activity = {
  id: 'a2', type: 'quiz', title: 'Capital of Peru?', status: 'draft', position: 1, results_visible: false,
  options: [{ id: 'q1', label: 'Lima', correct: true }, { id: 'q2', label: 'Cusco' }], settings: { time_limit_s: 20, points: 1000 }, opened_at: null,
};
const qna: Activity = {
  id: 'a3', type: 'qna', title: 'Ask away', status: 'open', position: 2, results_visible: false, options: [], settings: { moderation: true }, opened_at: null,
  questions: [
    { id: 'x1', text: 'Shown one', upvotes: 2, status: 'approved', pinned: false, created_at: '2030-01-01T10:00:00Z' },
    { id: 'x2', text: 'Done one', upvotes: 1, status: 'answered', pinned: false, created_at: '2030-01-01T10:00:00Z' },
    { id: 'x3', text: 'New one', upvotes: 0, status: 'pending', pinned: false, created_at: '2030-01-01T10:00:00Z' },
  ],
};

/** The dashboard on a state; PATCHes answer with their target merged with the body. */
function dashboard(state: AdminState) {
  adminStore.save({ id: SID, name: state.session.name, token: 'admintok', createdAt: '2030-01-01T10:00:00Z' });
  const byId = (id: string) => state.activities.find((a) => a.id === id)!;
  const mock = mockFetch({
    [`GET /api/v1/sessions/${SID}/state`]: () => json(state),
    [`GET /api/v1/sessions/${SID}/participants`]: () => json({ participants: [] }),
    [`PATCH /api/v1/sessions/${SID}`]: (r) => json({ ...state.session, ...(r.body as object) }),
    [`PATCH /api/v1/sessions/${SID}/activities/:id`]: (r) => json({ ...byId(r.path.split('/').pop()!), ...(r.body as object) }),
    [`GET /api/v1/sessions/${SID}/export.xlsx`]: () => new Response('PK', { headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } }),
  });
  renderApp(`/admin/sessions/${SID}`);
  const patches = () => mock.calls.filter((c) => c.method === 'PATCH').map((c) => [c.path.replace(`/api/v1/sessions/${SID}`, '') || '/', c.body]);
  return { ...mock, patches };
}

describe('dashboard: one click per slide', () => {
  it('Present on a draft opens it for answers and puts it on screen in one click', async () => {
    const user = userEvent.setup();
    const { patches } = dashboard(adminState);
    await user.click(await screen.findByRole('button', { name: 'Present Lunch?' }));
    await waitFor(() => expect(patches()).toHaveLength(2));
    expect(patches()).toEqual([
      ['/activities/a1', { status: 'open' }],
      ['/', { current_activity_id: 'a1' }],
    ]);
  });

  it('only presents when the session has open_on_present off, and the switch sends it', async () => {
    const user = userEvent.setup();
    const { patches } = dashboard({ ...adminState, session: { ...adminState.session, open_on_present: false } });
    await user.click(await screen.findByRole('button', { name: 'Present Lunch?' }));
    await waitFor(() => expect(patches()).toHaveLength(1));
    expect(patches()[0]).toEqual(['/', { current_activity_id: 'a1' }]);
    const toggle = screen.getByRole('switch', { name: /Open activities for answers when presenting them/ });
    expect(toggle).not.toBeChecked();
    await user.click(toggle);
    await waitFor(() => expect(patches()).toContainEqual(['/', { open_on_present: true }]));
  });

  it('Next → closes the activity it leaves and opens the next one', async () => {
    const user = userEvent.setup();
    const open = { ...poll, status: 'open', results: { total_responses: 0, options: [] } } as Activity;
    const { patches } = dashboard({
      ...adminState,
      session: { ...adminState.session, current_activity_id: 'a1' },
      activities: [open, quiz],
      current_activity: open,
    });
    await user.click(await screen.findByRole('button', { name: 'Next →' }));
    await waitFor(() => expect(patches()).toHaveLength(3));
    expect(patches()).toEqual([
      ['/activities/a1', { status: 'closed' }],
      ['/activities/a2', { status: 'open' }],
      ['/', { current_activity_id: 'a2' }],
    ]);
  });

  it('← Previous leaves a Q&A open', async () => {
    const user = userEvent.setup();
    const closedQuiz = { ...quiz, status: 'closed' } as Activity;
    const { patches } = dashboard({
      ...adminState,
      session: { ...adminState.session, current_activity_id: 'a3' },
      activities: [poll, closedQuiz, qna],
      current_activity: qna,
    });
    await user.click(await screen.findByRole('button', { name: '← Previous' }));
    await waitFor(() => expect(patches()).toHaveLength(1));
    // Not closed, and the closed quiz is not reopened.
    expect(patches()).toEqual([['/', { current_activity_id: 'a2' }]]);
  });
});

describe('dashboard: the quiz cannot be gamed', () => {
  it('offers no Reopen on a quiz whose answer is revealed', async () => {
    const revealed = { ...quiz, status: 'closed' as const, results_visible: true, results: { total_responses: 0, options: [] } } as Activity;
    dashboard({ ...adminState, session: { ...adminState.session, current_activity_id: 'a2' }, activities: [poll, revealed], current_activity: revealed });
    expect(await screen.findByRole('button', { name: 'Hide the answer' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Reopen answers|Open answers/ })).not.toBeInTheDocument();
  });

  it('still offers Reopen on a closed quiz that is not revealed', async () => {
    const closed = { ...quiz, status: 'closed', results: { total_responses: 0, options: [] } } as Activity;
    dashboard({ ...adminState, session: { ...adminState.session, current_activity_id: 'a2' }, activities: [poll, closed], current_activity: closed });
    expect(await screen.findByRole('button', { name: 'Reopen answers' })).toBeInTheDocument();
  });

  it('shows an ended session read-only; exports (also Excel) still work', async () => {
    const user = userEvent.setup();
    const createObjectURL = vi.fn(() => 'blob:x');
    vi.stubGlobal('URL', Object.assign(globalThis.URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const current = { ...poll, status: 'closed', results: { total_responses: 0, options: [] } } as Activity;
    const { calls } = dashboard({
      ...adminState,
      session: { ...adminState.session, status: 'completed', current_activity_id: 'a1' },
      activities: [current, quiz],
      current_activity: current,
    });
    expect(await screen.findByText(/This session has ended/)).toBeInTheDocument();
    for (const name of [/^Present/, /^Presenting/, /^Edit/, 'Reopen answers', 'Open answers', 'Show results on phones', '+ Add activity', 'Next →', 'Back to lobby']) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
    await user.click(screen.getByRole('button', { name: 'Export ▾' }));
    expect(screen.getByRole('button', { name: 'CSV' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'JSON' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Excel (.xlsx)' }));
    await waitFor(() => expect(createObjectURL).toHaveBeenCalled());
    const xlsx = calls.find((c) => c.path.endsWith('/export.xlsx'))!;
    expect(xlsx.headers.get('Authorization')).toBe('Bearer admintok');
  });
});

describe('dashboard: lobby and words', () => {
  it('lists the newest joiners in the lobby, then "+ N more"', async () => {
    const recent = Array.from({ length: 50 }, (_, i) => ({ id: `p${i}`, nickname: `Guest ${50 - i}`, joined_at: '2030-01-01T10:00:00Z' }));
    dashboard({ ...adminState, participant_count: 73, recent_participants: recent });
    const list = await screen.findByTestId('recent-participants');
    const items = within(list).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Guest 50');
    expect(items).toHaveLength(51);
    expect(items[50]).toHaveTextContent('+ 23 more');
  });

  it('wraps or truncates a long session name with the whole name as a tooltip', async () => {
    const name = 'A very long session name '.repeat(8).trim();
    dashboard({ ...adminState, session: { ...adminState.session, name } });
    const h1 = await screen.findByTestId('session-name');
    expect(h1).toHaveAttribute('title', name);
    expect(h1.className).toMatch(/truncate/);
  });

  it('Q&A: "Approved" on the badge and the button, and no Approve for an answered question', async () => {
    dashboard({ ...adminState, session: { ...adminState.session, current_activity_id: 'a3' }, activities: [poll, quiz, qna], current_activity: qna });
    const list = await screen.findByRole('list', { name: 'Questions to moderate' });
    const item = (text: string) => within(list).getByText(text).closest('li')!;
    expect(within(item('Shown one')).getByText('Approved')).toBeInTheDocument();
    expect(within(item('Shown one')).queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
    expect(within(item('Done one')).queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
    expect(within(item('New one')).getByRole('button', { name: 'Approve' })).toBeInTheDocument();
    expect(within(list).queryByText('Visible')).not.toBeInTheDocument();
  });
});
