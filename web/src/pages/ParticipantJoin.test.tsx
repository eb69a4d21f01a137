import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem } from '../test/fetchMock';
import { renderApp } from '../test/render';
import { participantStore } from '../services/storage';
import type { Activity } from '../types/activity';
import { meMarker } from './ParticipantSession';
import type { ParticipantState } from '../types/state';
import { meFixture } from '../test/fixtures';

const SID = '11111111-2222-3333-4444-555555555555';

const lobby: ParticipantState = {
  session: {
    id: SID,
    name: 'Team offsite',
    description: null,
    status: 'active',
    join_code: '123456',
    join_url: 'http://localhost/join/123456',
    current_activity_id: null,
    show_join_info: false,
    created_at: '2030-01-01T10:00:00Z',
    updated_at: '2030-01-01T10:00:00Z',
  },
  current_activity: null,
  participant_count: 7,
};


describe('joining a session', () => {
  it('types the code on the numeric keypad, picks a nickname and is greeted', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({
      'GET /api/v1/join/123456': () => json({ session_id: SID, name: 'Team offsite', status: 'active' }),
      [`POST /api/v1/sessions/${SID}/participants`]: (req) => json({ id: 'p1', nickname: (req.body as { nickname: string }).nickname, token: 'tok-1' }, { status: 201 }),
      [`GET /api/v1/sessions/${SID}/state`]: () => json(lobby, { headers: { ETag: '"s1"' } }),
      [`GET /api/v1/sessions/${SID}/participants/me`]: () => json(meFixture()),
    });
    renderApp('/join');

    const code = screen.getByLabelText('Join code');
    expect(code).toHaveAttribute('inputmode', 'numeric');
    await user.type(code, '123456');
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    const nickname = await screen.findByLabelText('Your nickname');
    expect(screen.getByText('Team offsite')).toBeInTheDocument();
    await user.type(nickname, 'TestUser');
    await user.click(screen.getByRole('button', { name: 'Join' }));

    expect(await screen.findByText('Welcome, TestUser!')).toBeInTheDocument();
    expect(await screen.findByText("You're in!")).toBeInTheDocument();
    expect(screen.getByText('7 people here')).toBeInTheDocument();

    const join = calls.find((c) => c.method === 'POST');
    expect(join?.body).toEqual({ nickname: 'TestUser' });
    // The identity is kept for reloads, and /me is asked with the token.
    expect(participantStore.get(SID)?.token).toBe('tok-1');
    await waitFor(() => expect(calls.some((c) => c.path.endsWith('/participants/me') && c.headers.get('Authorization') === 'Bearer tok-1')).toBe(true));
  });

  it('arrives from the QR code at /join/{code}', async () => {
    mockFetch({
      'GET /api/v1/join/654321': () => json({ session_id: SID, name: 'Team offsite', status: 'active' }),
    });
    renderApp('/join/654321');
    expect(await screen.findByLabelText('Your nickname')).toBeInTheDocument();
  });

  it('says so when no session has the code', async () => {
    const user = userEvent.setup();
    mockFetch({ 'GET /api/v1/join/999999': () => problem(404, [], 'no live session has this join code') });
    renderApp('/join');
    await user.type(screen.getByLabelText('Join code'), '999999');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText(/No live session has the code 999999/)).toBeInTheDocument();
  });

  it('says the session has ended when the code belongs to an ended session', async () => {
    mockFetch({ 'GET /api/v1/join/777777': () => json({ session_id: SID, name: 'Team offsite', status: 'completed' }) });
    renderApp('/join/777777');
    expect(await screen.findByText(/has ended/)).toHaveTextContent('Team offsite has ended.');
    expect(screen.queryByText(/No live session/)).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Your nickname')).not.toBeInTheDocument();
  });

  it('says the session has ended when it ends while choosing a nickname (409)', async () => {
    const user = userEvent.setup();
    mockFetch({
      'GET /api/v1/join/123456': () => json({ session_id: SID, name: 'Team offsite', status: 'active' }),
      [`POST /api/v1/sessions/${SID}/participants`]: () => problem(409, [], 'this session has ended'),
    });
    renderApp('/join/123456');
    await user.type(await screen.findByLabelText('Your nickname'), 'Ana');
    await user.click(screen.getByRole('button', { name: 'Join' }));
    expect(await screen.findByText(/has ended/)).toHaveTextContent('Team offsite has ended.');
    expect(screen.queryByLabelText('Your nickname')).not.toBeInTheDocument();
    expect(participantStore.get(SID)).toBeNull();
  });

  it('shows a taken nickname next to the field', async () => {
    const user = userEvent.setup();
    mockFetch({
      'GET /api/v1/join/123456': () => json({ session_id: SID, name: 'Team offsite', status: 'active' }),
      [`POST /api/v1/sessions/${SID}/participants`]: () =>
        problem(409, [{ field: 'nickname', message: 'is taken; choose another' }], 'this nickname is taken in this session'),
    });
    renderApp('/join/123456');
    const input = await screen.findByLabelText('Your nickname');
    await user.type(input, 'Ana');
    await user.click(screen.getByRole('button', { name: 'Join' }));
    expect(await screen.findByText('Nickname is taken; choose another')).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveValue('Ana');
  });

  it('keeps the identity on reload: straight back in, same greeting', async () => {
    participantStore.set({ id: 'p1', nickname: 'TestUser', token: 'tok-1', sessionId: SID, joinedAt: '2030-01-01T10:00:00Z' });
    mockFetch({
      'GET /api/v1/join/123456': () => json({ session_id: SID, name: 'Team offsite', status: 'active' }),
      [`GET /api/v1/sessions/${SID}/state`]: () => json(lobby),
      [`GET /api/v1/sessions/${SID}/participants/me`]: () => json(meFixture()),
    });
    renderApp('/join/123456');
    expect(await screen.findByText('Welcome, TestUser!')).toBeInTheDocument();
  });

  it('shows "Reconnecting…" while /me answers 503 (a server rebuild), and keeps the identity', async () => {
    participantStore.set({ id: 'p1', nickname: 'Ana', token: 'tok-503', sessionId: SID, joinedAt: '2030-01-01T10:00:00Z' });
    const { calls } = mockFetch({
      [`GET /api/v1/sessions/${SID}/state`]: () => json(lobby, { headers: { ETag: '"s1"' } }),
      [`GET /api/v1/sessions/${SID}/participants/me`]: () =>
        new Response(JSON.stringify({ title: 'Service Unavailable', status: 503, detail: 'rebuilding' }), {
          status: 503,
          headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '1' },
        }),
    });
    renderApp(`/p/${SID}`);
    expect(await screen.findByText("You're in!")).toBeInTheDocument();
    expect(await screen.findByText('Reconnecting…', {}, { timeout: 4000 })).toBeInTheDocument();
    expect(screen.getByText('Welcome, Ana!')).toBeInTheDocument();
    expect(screen.queryByLabelText('Your nickname')).not.toBeInTheDocument();
    expect(participantStore.get(SID)?.token).toBe('tok-503');
    // Retried (Retry-After: 1 s), still reconnecting, still Ana.
    await waitFor(() => expect(calls.filter((c) => c.path.endsWith('/participants/me')).length).toBeGreaterThanOrEqual(2), { timeout: 4000 });
    expect(screen.getByText('Reconnecting…')).toBeInTheDocument();
    expect(screen.getByText('Welcome, Ana!')).toBeInTheDocument();
  }, 10_000);

  it('drops a refused identity (401) and asks for a nickname again', async () => {
    participantStore.set({ id: 'p1', nickname: 'Gone', token: 'revoked', sessionId: SID, joinedAt: '2030-01-01T10:00:00Z' });
    mockFetch({
      [`GET /api/v1/sessions/${SID}/state`]: () => json(lobby),
      [`GET /api/v1/sessions/${SID}/participants/me`]: () => problem(401, [], 'this participant token is not valid'),
    });
    renderApp(`/p/${SID}`);
    expect(await screen.findByText('Welcome, Gone!')).toBeInTheDocument();
    // The refusal is retried for a few seconds (a new token may not be projected yet), then final.
    expect(await screen.findByLabelText('Your nickname', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.getByText(/Join again with a nickname/)).toBeInTheDocument();
    expect(screen.queryByText('Welcome, Gone!')).not.toBeInTheDocument();
    expect(participantStore.get(SID)).toBeNull();
  }, 15_000);
});

describe('meMarker', () => {
  const state = (extra: Partial<ParticipantState> = {}): ParticipantState => ({ ...lobby, ...extra });
  it("is the view's me_marker when the server sends one, undefined before the first poll", () => {
    expect(meMarker(undefined)).toBeUndefined();
    expect(meMarker(state({ me_marker: 'abc' }))).toBe('abc');
  });

  it('derives one from what can change my score on an older server (a reveal, the end)', () => {
    const quizOpen = { id: 'a1', type: 'quiz', title: 'Q', status: 'open', position: 0, results_visible: false, options: [], settings: { time_limit_s: 20, points: 1000 }, opened_at: null } as Activity;
    const open = meMarker(state({ current_activity: quizOpen }));
    const revealed = meMarker(state({ current_activity: { ...quizOpen, status: 'closed', results_visible: true } as Activity }));
    expect(open).not.toBe(revealed);
    expect(meMarker(state({ current_activity: quizOpen }))).toBe(open);
    expect(meMarker(state({ session: { ...state().session, status: 'completed' } }))).not.toBe(meMarker(state()));
  });
});

