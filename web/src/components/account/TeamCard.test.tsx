import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Team } from '../../services/accountApi';
import { adminStore } from '../../services/storage';
import { json, mockFetch, noContent, type Route } from '../../test/fetchMock';
import { renderApp } from '../../test/render';
import type { AdminState } from '../../types/state';

const SID = '11111111-2222-3333-4444-555555555555';
const ANA = { account_id: 'acc-ana', display_name: 'Ana', email: 'ana@example.org' };
const BO = { account_id: 'acc-bo', display_name: 'Bo', email: 'bo@example.org' };
const CY = { account_id: 'acc-cy', display_name: '', email: 'cy@example.org' };
const me = (p: typeof ANA) => ({ id: p.account_id, email: p.email, display_name: p.display_name, created_at: '2030-01-01T10:00:00Z' });

function coded(status: number, code: string, detail = 'nope'): Response {
  return new Response(JSON.stringify({ type: `urn:caja:problem:${code}`, title: 'Problem', status, detail, code, errors: [] }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

const adminState: AdminState = {
  session: {
    id: SID,
    name: 'Town hall',
    description: '',
    status: 'active',
    admin_id: 'Ana',
    join_code: '123456',
    join_url: 'http://localhost/join/123456',
    qr_code_url: 'data:image/png;base64,AAAA',
    current_activity_id: null,
    show_join_info: false,
    created_at: '2030-01-01T10:00:00Z',
    updated_at: '2030-01-01T10:00:00Z',
    display_key: 'dk',
  },
  activities: [],
  current_activity: null,
  participant_count: 0,
  leaderboard: [],
};

const team = (over: Partial<Team> = {}): Team => ({
  owner: ANA,
  members: [
    { ...BO, role: 'co-host', since: '2030-03-04T10:00:00Z' },
    { ...CY, role: 'moderator', since: '2030-03-05T10:00:00Z' },
  ],
  invitations: [{ email: 'dee@example.org', role: 'moderator', created_at: '2030-03-06T10:00:00Z', expires_at: '2030-03-13T10:00:00Z' }],
  your_role: 'owner',
  admin_link: false,
  ...over,
});

/** The session page signed in as `who`, with GET /members answered by `members`. */
function routes(who: typeof ANA, members: Route, extra: Record<string, Route> = {}): Record<string, Route> {
  return {
    'GET /api/v1/auth/me': () => json(me(who)),
    [`GET /api/v1/sessions/${SID}/state`]: () => json(adminState),
    [`GET /api/v1/sessions/${SID}/participants`]: () => json({ participants: [] }),
    [`GET /api/v1/sessions/${SID}/members`]: members,
    ...extra,
  };
}

/** The team's list, once loaded (the whole dashboard renders first: slow on a busy machine). */
const findTeam = () => screen.findByRole('list', { name: 'Team members' }, { timeout: 5000 });

const row = (name: string) => screen.getAllByTestId('team-member').find((li) => within(li).queryByText(name))!;

describe('Team card', () => {
  it('lists the owner, each member with role and since-date, and the pending invitations', async () => {
    const { calls } = mockFetch(routes(ANA, () => json(team())));
    renderApp(`/admin/sessions/${SID}`);
    const list = await findTeam();
    const owner = within(list).getByTestId('team-owner');
    expect(owner).toHaveTextContent('Ana (you)');
    expect(owner).toHaveTextContent('ana@example.org');
    expect(within(owner).getByText('Owner')).toBeInTheDocument();
    expect(row('Bo')).toHaveTextContent('Co-host');
    expect(row('Bo')).toHaveTextContent('since Mar 4, 2030');
    // No display name: the email stands for it (once).
    expect(row('cy@example.org')).toHaveTextContent('Moderator');
    expect(within(row('cy@example.org')).getAllByText('cy@example.org')).toHaveLength(1);
    const invitations = screen.getByRole('list', { name: 'Pending invitations' });
    expect(invitations).toHaveTextContent('dee@example.org');
    expect(invitations).toHaveTextContent('Moderator');
    expect(invitations).toHaveTextContent('expires Mar 13, 2030');
    // The cookie alone: no Bearer.
    expect(calls.find((c) => c.path.endsWith('/members'))!.headers.get('Authorization')).toBeNull();
  });

  it('sends the admin token when this browser has it, and says when there is no owner account', async () => {
    adminStore.save({ id: SID, name: 'Town hall', token: 'admintok', createdAt: '2030-01-01T10:00:00Z' });
    const { calls } = mockFetch(routes(ANA, () => json(team({ owner: null, members: [], invitations: [], admin_link: true }))));
    renderApp(`/admin/sessions/${SID}`);
    expect(await screen.findByText('No account owns this session: its admin link runs it.')).toBeInTheDocument();
    expect(screen.getByText('No co-hosts or moderators yet.')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Pending invitations' })).not.toBeInTheDocument();
    expect(calls.find((c) => c.path.endsWith('/members'))!.headers.get('Authorization')).toBe('Bearer admintok');
    // Not the owner's account: no revoke; the admin link deletes.
    expect(screen.queryByRole('button', { name: 'Revoke the admin link' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Delete session' })).toBeInTheDocument();
  });

  it('removes a member after confirming, then shows the list again from the server', async () => {
    const user = userEvent.setup();
    let current = team();
    const { calls } = mockFetch(
      routes(ANA, () => json(current), {
        [`DELETE /api/v1/sessions/${SID}/members/:id`]: () => {
          current = team({ members: current.members.filter((m) => m.account_id !== CY.account_id) });
          return noContent();
        },
      }),
    );
    renderApp(`/admin/sessions/${SID}`);
    await findTeam();
    const remove = within(row('cy@example.org')).getByRole('button', { name: 'Remove' });
    expect(remove).toHaveAccessibleDescription('cy@example.org');
    await user.click(remove);
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove cy@example.org from the team?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(screen.queryByText('cy@example.org', { selector: 'bdi' })).not.toBeInTheDocument());
    expect(screen.getByText('cy@example.org is no longer on the team.')).toBeInTheDocument();
    const del = calls.find((c) => c.method === 'DELETE')!;
    expect(del.path).toBe(`/api/v1/sessions/${SID}/members/acc-cy`);
    expect(calls.filter((c) => c.path.endsWith('/members')).length).toBeGreaterThanOrEqual(2);
    expect(row('Bo')).toBeInTheDocument();
  });

  it('cancels a pending invitation (its link stops working), then shows the list again from the server', async () => {
    const user = userEvent.setup();
    let current = team();
    const { calls } = mockFetch(
      routes(ANA, () => json(current), {
        [`DELETE /api/v1/sessions/${SID}/invitations`]: () => {
          current = team({ invitations: [] });
          return noContent();
        },
      }),
    );
    renderApp(`/admin/sessions/${SID}`);
    await findTeam();
    const invitations = screen.getByRole('list', { name: 'Pending invitations' });
    await user.click(within(invitations).getByRole('button', { name: 'Cancel the invitation to dee@example.org' }));
    expect(await screen.findByText('Invitation to dee@example.org cancelled: its link no longer works.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Pending invitations' })).not.toBeInTheDocument());
    const del = calls.find((c) => c.method === 'DELETE')!;
    expect(del.path).toBe(`/api/v1/sessions/${SID}/invitations`);
    expect(del.url.searchParams.get('email')).toBe('dee@example.org');
  });

  it('cancelling the dialog removes nobody; a refusal is said in words', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch(routes(ANA, () => json(team()), { [`DELETE /api/v1/sessions/${SID}/members/:id`]: () => coded(403, 'role_insufficient') }));
    renderApp(`/admin/sessions/${SID}`);
    await findTeam();
    await user.click(within(row('Bo')).getByRole('button', { name: 'Remove' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Cancel' }));
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    await user.click(within(row('Bo')).getByRole('button', { name: 'Remove' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Remove' }));
    expect(await screen.findByText('Your role in this session does not allow this.')).toBeInTheDocument();
  });

  it('the owner sees "Make owner" next to co-hosts only; the transfer confirms, then the owner is a co-host', async () => {
    const user = userEvent.setup();
    let current = team({ admin_link: true });
    const { calls } = mockFetch(
      routes(ANA, () => json(current), {
        [`POST /api/v1/sessions/${SID}/transfer`]: () => {
          current = team({
            owner: BO,
            members: [
              { ...ANA, role: 'co-host', since: '2030-03-07T10:00:00Z' },
              { ...CY, role: 'moderator', since: '2030-03-05T10:00:00Z' },
            ],
            your_role: 'co-host',
            admin_link: true,
          });
          return json(adminState.session);
        },
        'GET /api/v1/me/sessions': () => json({ sessions: [], next_cursor: '' }),
      }),
    );
    renderApp(`/admin/sessions/${SID}`);
    await findTeam();
    expect(within(row('cy@example.org')).queryByRole('button', { name: 'Make owner' })).not.toBeInTheDocument();
    // The owner's account: revoke (the session has a link, though not in this browser) and delete.
    expect(screen.getByRole('button', { name: 'Revoke the admin link' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Delete session' })).toBeInTheDocument();

    await user.click(within(row('Bo')).getByRole('button', { name: 'Make owner' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Make Bo the owner?' });
    expect(dialog).toHaveTextContent('You stay on the team as a co-host');
    await user.click(within(dialog).getByRole('button', { name: 'Make owner' }));
    expect(await screen.findByText('Bo is now the owner. You are a co-host.')).toBeInTheDocument();
    expect(calls.find((c) => c.path.endsWith('/transfer'))!.body).toEqual({ account_id: 'acc-bo' });
    await waitFor(() => expect(within(screen.getByTestId('team-owner')).getByText('Bo')).toBeInTheDocument());
    expect(screen.getByTestId('team-owner')).not.toHaveTextContent('(you)');
    expect(screen.queryByRole('button', { name: 'Make owner' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Revoke the admin link' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete session' })).not.toBeInTheDocument();
  });

  it('a co-host sees the team and Remove, but no "Make owner", no revoke and no delete', async () => {
    mockFetch(
      routes(BO, () =>
        json(
          team({
            members: [
              { ...BO, role: 'co-host', since: '2030-03-04T10:00:00Z' },
              { account_id: 'acc-eve', display_name: 'Eve', email: 'eve@example.org', role: 'co-host', since: '2030-03-05T10:00:00Z' },
            ],
            your_role: 'co-host',
            admin_link: true,
          }),
        ),
      ),
    );
    renderApp(`/admin/sessions/${SID}`);
    await findTeam();
    expect(row('Bo')).toHaveTextContent('(you)');
    expect(within(row('Bo')).queryByRole('button')).not.toBeInTheDocument();
    expect(within(row('Eve')).getByRole('button', { name: 'Remove' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Make owner' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Revoke the admin link' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete session' })).not.toBeInTheDocument();
    expect(screen.getByRole('form', { name: 'Invite someone to this session' })).toBeInTheDocument();
  });

  it('is hidden when the server refuses the team (403: a moderator, or no role)', async () => {
    adminStore.save({ id: SID, name: 'Town hall', token: 'admintok', createdAt: '2030-01-01T10:00:00Z' });
    const { calls } = mockFetch(routes(CY, () => coded(403, 'role_insufficient')));
    renderApp(`/admin/sessions/${SID}`);
    expect(await screen.findByTestId('session-name')).toHaveTextContent('Town hall');
    await waitFor(() => expect(calls.some((c) => c.path.endsWith('/members'))).toBe(true));
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Team' })).not.toBeInTheDocument());
    expect(screen.queryByRole('form', { name: 'Invite someone to this session' })).not.toBeInTheDocument();
    expect(calls.filter((c) => c.path.endsWith('/members'))).toHaveLength(1);
  });

  it('another failure is said in words (and the invite form stays)', async () => {
    mockFetch(routes(ANA, () => coded(404, 'session_not_found')));
    renderApp(`/admin/sessions/${SID}`);
    expect(await screen.findByText('This session does not exist.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Team' })).toBeInTheDocument();
    expect(screen.getByRole('form', { name: 'Invite someone to this session' })).toBeInTheDocument();
  });

  it('lists a new invitation once created; too many pending invitations is said in the language', async () => {
    const user = userEvent.setup();
    let current = team({ invitations: [] });
    let full = false;
    mockFetch(
      routes(ANA, () => json(current), {
        [`POST /api/v1/sessions/${SID}/invitations`]: (req) => {
          if (full) return coded(409, 'too_many_invitations');
          const b = req.body as { email: string; role: 'co-host' | 'moderator' };
          current = team({ invitations: [{ email: b.email, role: b.role, created_at: '2030-03-06T10:00:00Z', expires_at: '2030-03-13T10:00:00Z' }] });
          return json({ token: 'inv1', url: 'http://localhost/admin/invitations/inv1' }, { status: 201 });
        },
      }),
    );
    renderApp(`/admin/sessions/${SID}`);
    const form = await screen.findByRole('form', { name: 'Invite someone to this session' });
    await user.type(within(form).getByLabelText('Their email'), 'fay@example.org');
    await user.click(within(form).getByRole('button', { name: 'Create invitation link' }));
    const invitations = await screen.findByRole('list', { name: 'Pending invitations' });
    expect(invitations).toHaveTextContent('fay@example.org');
    expect(invitations).toHaveTextContent('Co-host');

    full = true;
    await user.selectOptions(screen.getByTestId('language-select'), 'de');
    const formDe = screen.getByRole('form', { name: 'Jemanden zu dieser Sitzung einladen' });
    await user.type(within(formDe).getByLabelText('Deren E-Mail'), 'gus@example.org');
    await user.click(within(formDe).getByRole('button', { name: 'Einladungslink erstellen' }));
    expect(await screen.findByText(/schon so viele offene Einladungen wie erlaubt/)).toBeInTheDocument();
  });
});
