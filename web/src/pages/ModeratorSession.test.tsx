import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem } from '../test/fetchMock';
import { renderApp } from '../test/render';
import { moderatorStore } from '../services/storage';
import type { ParticipantState } from '../types/state';
import { moderatorLink, takeModeratorTokenFromHash } from './ModeratorSession';

const SID = '11111111-2222-3333-4444-666666666666';

const state = (current: ParticipantState['current_activity']): ParticipantState => ({
  session: {
    id: SID,
    name: 'Town hall',
    description: null,
    status: 'active',
    join_code: '123456',
    join_url: 'http://localhost/join/123456',
    current_activity_id: current?.id ?? null,
    show_join_info: false,
    created_at: '2030-01-01T10:00:00Z',
    updated_at: '2030-01-01T10:00:00Z',
  },
  current_activity: current,
  participant_count: 3,
});

describe('moderator link', () => {
  it('stores the token from #moderator=… and strips it', () => {
    window.history.replaceState(null, '', `/admin/sessions/${SID}/moderate#moderator=mod-secret`);
    takeModeratorTokenFromHash(SID);
    expect(moderatorStore.get(SID)).toBe('mod-secret');
    expect(window.location.hash).toBe('');
    expect(moderatorLink(SID, 'a b')).toBe(`${window.location.origin}/admin/sessions/${SID}/moderate#moderator=a%20b`);
  });

  it('moderates the Q&A on screen with the moderator token, reading the open participant view', async () => {
    const user = userEvent.setup();
    moderatorStore.set(SID, 'modtok');
    const qna = { id: 'q1', type: 'qna', title: 'Ask us', status: 'open', position: 0, results_visible: false, options: [], settings: { moderation: true }, opened_at: null } as unknown as ParticipantState['current_activity'];
    const { calls } = mockFetch({
      [`GET /api/v1/sessions/${SID}/state`]: () => json(state(qna)),
      [`GET /api/v1/sessions/${SID}/activities/q1/questions`]: () =>
        json({ questions: [{ id: 'qq', text: 'Why?', upvotes: 1, status: 'pending', pinned: false, created_at: '2030-01-01T10:00:00Z' }], total_questions: 1, next_cursor: null }),
      [`PATCH /api/v1/sessions/${SID}/activities/q1/questions/qq`]: () => json({ id: 'qq', text: 'Why?', upvotes: 1, status: 'approved', pinned: false, created_at: '2030-01-01T10:00:00Z' }),
    });
    renderApp(`/admin/sessions/${SID}/moderate`);
    expect(await screen.findByText('Why?')).toBeInTheDocument();
    const stateCall = calls.find((c) => c.path.endsWith('/state'))!;
    expect(stateCall.url.searchParams.get('view')).toBeNull();
    expect(calls.find((c) => c.path.endsWith('/questions'))!.headers.get('Authorization')).toBe('Bearer modtok');
    // No organizer controls.
    expect(screen.queryByRole('button', { name: /Next|Open answers|Export|End session/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.body).toEqual({ status: 'approved' });
    expect(patch.headers.get('Authorization')).toBe('Bearer modtok');
  });

  it('hides an open-text answer and asks for a new link when the token is refused', async () => {
    const user = userEvent.setup();
    moderatorStore.set(SID, 'modtok');
    const open = { id: 't1', type: 'open_text', title: 'Tell us', status: 'open', position: 0, results_visible: false, options: [], settings: {}, opened_at: null } as unknown as ParticipantState['current_activity'];
    let refused = false;
    const { calls } = mockFetch({
      [`GET /api/v1/sessions/${SID}/state`]: () => json(state(open)),
      [`GET /api/v1/sessions/${SID}/activities/t1/results`]: () =>
        refused ? problem(403, [], 'this token does not open this session') : json({ total_responses: 1, answers: [{ id: 'e1', text: 'rude', created_at: '2030-01-01T10:00:00Z', hidden: false }] }),
      [`PATCH /api/v1/sessions/${SID}/activities/t1/entries/e1`]: () => json({ id: 'e1', hidden: true }),
    });
    renderApp(`/admin/sessions/${SID}/moderate`);
    await user.click(await screen.findByRole('button', { name: 'Hide rude' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.body).toEqual({ hidden: true });
    expect(patch.headers.get('Authorization')).toBe('Bearer modtok');
    refused = true;
    expect(await screen.findByLabelText('Moderator link or token', {}, { timeout: 8000 })).toBeInTheDocument();
  }, 15000);
});
