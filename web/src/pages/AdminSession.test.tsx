import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch } from '../test/fetchMock';
import { renderApp } from '../test/render';
import { adminStore } from '../services/storage';
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
    const patch = calls.find((c) => c.method === 'PATCH')!;
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
});
