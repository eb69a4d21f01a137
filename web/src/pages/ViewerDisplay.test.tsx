import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import userEvent from '@testing-library/user-event';
import { json, mockFetch, problem } from '../test/fetchMock';
import { renderApp } from '../test/render';
import type { DisplayState } from '../types/state';

const SID = '11111111-2222-3333-4444-555555555555';
const EVIL = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">';

const lobby: DisplayState = {
  session: {
    id: SID,
    name: 'Town hall',
    description: null,
    status: 'active',
    admin_id: 'Marta',
    join_code: '482913',
    join_url: 'https://caja.example/join/482913',
    qr_code_url: 'data:image/png;base64,iVBORw0KGgo=',
    current_activity_id: null,
    show_join_info: false,
    created_at: '2030-01-01T10:00:00Z',
    updated_at: '2030-01-01T10:00:00Z',
  },
  current_activity: null,
  participant_count: 42,
  leaderboard: [],
  pinned_question: null,
};

describe('projector display', () => {
  it('polls the display view with its key and shows how to join', async () => {
    const requestFullscreen = vi.fn(async () => undefined);
    document.documentElement.requestFullscreen = requestFullscreen;
    const { calls } = mockFetch({ [`GET /api/v1/sessions/${SID}/state`]: () => json(lobby) });
    renderApp(`/display/${SID}?key=dk-123`);
    // The first render loads the lazy display chunk: slow on a busy machine.
    expect(await screen.findByTestId('join-code', {}, { timeout: 5000 })).toHaveTextContent('482 913');
    expect(screen.getByText('caja.example/join')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /QR code to join/ })).toHaveAttribute('src', lobby.session.qr_code_url);
    expect(screen.getByTestId('participant-count')).toHaveTextContent('42 people');
    await userEvent.click(screen.getByRole('button', { name: 'Full screen' }));
    expect(requestFullscreen).toHaveBeenCalled();
    const url = calls[0]!.url;
    expect(url.searchParams.get('view')).toBe('display');
    expect(url.searchParams.get('key')).toBe('dk-123');
  });

  it('says so when the link has no valid key', async () => {
    mockFetch({ [`GET /api/v1/sessions/${SID}/state`]: () => problem(403, [], 'this display key does not open this session') });
    renderApp(`/display/${SID}?key=wrong`);
    expect(await screen.findByText('This display link does not work')).toBeInTheDocument();
  });

  it('shows open-text answers and questions as text, with the pinned question big', async () => {
    const state: DisplayState = {
      ...lobby,
      session: { ...lobby.session, current_activity_id: 'a1', show_join_info: true },
      current_activity: {
        id: 'a1',
        type: 'qna',
        title: 'Ask us anything',
        status: 'open',
        position: 0,
        results_visible: false,
        options: [],
        settings: { moderation: false },
        opened_at: '2030-01-01T10:00:00Z',
        questions: [
          { id: 'q1', text: 'Pinned one?', upvotes: 5, status: 'approved', pinned: true, created_at: '2030-01-01T10:00:00Z' },
          { id: 'q2', text: EVIL, upvotes: 1, status: 'approved', pinned: false, created_at: '2030-01-01T10:00:01Z' },
        ],
      },
      pinned_question: { id: 'q1', text: 'Pinned one?', upvotes: 5, status: 'approved', pinned: true, created_at: '2030-01-01T10:00:00Z' },
    };
    mockFetch({ [`GET /api/v1/sessions/${SID}/state`]: () => json(state) });
    const { container } = renderApp(`/display/${SID}?key=dk`);
    expect(await screen.findByText('Now answering')).toBeInTheDocument();
    expect(screen.getByText('Pinned one?')).toBeInTheDocument();
    expect(screen.getByText(EVIL)).toBeInTheDocument();
    expect(container.querySelector('img[src="x"]')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    // Join info beside the activity, as the organizer asked.
    expect(screen.getByRole('complementary', { name: 'How to join' })).toBeInTheDocument();
  });

  it('lists who joined in the lobby', async () => {
    mockFetch({
      [`GET /api/v1/sessions/${SID}/state`]: () =>
        json({ ...lobby, participant_count: 3, recent_participants: [{ id: 'p2', nickname: 'Ben', joined_at: '2030-01-01T10:00:02Z' }, { id: 'p1', nickname: 'Ana', joined_at: '2030-01-01T10:00:01Z' }] }),
    });
    renderApp(`/display/${SID}?key=dk`);
    const list = await screen.findByTestId('recent-participants');
    expect(list).toHaveTextContent('Ben');
    expect(list.textContent!.indexOf('Ben')).toBeLessThan(list.textContent!.indexOf('Ana'));
    expect(list).toHaveTextContent('+ 1 more');
  });

  it('shows "Reconnecting…" large enough for the back of the room', async () => {
    let fail = false;
    mockFetch({
      [`GET /api/v1/sessions/${SID}/state`]: () => {
        if (fail) throw new TypeError('Failed to fetch');
        fail = true;
        return json(lobby);
      },
    });
    renderApp(`/display/${SID}?key=dk`);
    await screen.findByTestId('join-code');
    const pill = await screen.findByTestId('reconnecting', {}, { timeout: 5000 });
    expect(pill).toHaveTextContent('Reconnecting…');
    // 28 px at the least, 2.6 % of the screen's width (50 px on a 1080p projector).
    expect(pill.className).toMatch(/text-\[clamp\(28px,2\.6vw,60px\)\]/);
    expect(pill.className).not.toMatch(/text-sm/);
  }, 10_000);
});
