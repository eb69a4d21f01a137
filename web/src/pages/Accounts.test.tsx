import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { storeLanguage } from '../i18n/scope';
import { json, mockFetch, noContent, type Route } from '../test/fetchMock';
import { renderApp } from '../test/render';
import { adminStore } from '../services/storage';
import type { AdminState } from '../types/state';

const SID = '11111111-2222-3333-4444-555555555555';
const ME = { id: 'acc-1', email: 'marta@example.org', display_name: 'Marta', created_at: '2030-01-01T10:00:00Z' };

function coded(status: number, code: string, detail = 'nope'): Response {
  return new Response(JSON.stringify({ type: `urn:caja:problem:${code}`, title: 'Problem', status, detail, code, errors: [] }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

const signedIn: Record<string, Route> = { 'GET /api/v1/auth/me': () => json(ME) };
const signedOut: Record<string, Route> = { 'GET /api/v1/auth/me': () => coded(401, 'unauthorized', 'sign in') };

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
  activities: [],
  current_activity: null,
  participant_count: 0,
  leaderboard: [],
};

describe('sign in and sign up', () => {
  it('signs in, then shows who is signed in in the header; sign-out forgets it', async () => {
    const user = userEvent.setup();
    let me: typeof ME | null = null;
    const { calls } = mockFetch({
      'GET /api/v1/auth/me': () => (me ? json(me) : coded(401, 'unauthorized')),
      'POST /api/v1/auth/login': (req) => {
        const b = req.body as { email: string; password: string };
        if (b.password !== 'correct horse battery') return coded(401, 'invalid_credentials', 'wrong email or password');
        me = ME;
        return json(ME);
      },
      'POST /api/v1/auth/logout': () => {
        me = null;
        return noContent();
      },
      'GET /api/v1/me/sessions': () => json({ sessions: [], next_cursor: '' }),
    });
    renderApp('/admin/sign-in');
    expect(await screen.findByRole('link', { name: 'Sign in with single sign-on' })).toHaveAttribute('href', '/api/v1/auth/oidc/start');
    await user.type(screen.getByLabelText('Email'), ' marta@example.org ');
    await user.type(screen.getByLabelText('Password'), 'wrong password!');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Wrong email or password.')).toBeInTheDocument();

    await user.clear(screen.getByLabelText('Password'));
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('link', { name: 'Signed in as Marta' })).toHaveAttribute('href', '/admin/account');
    const login = calls.filter((c) => c.path === '/api/v1/auth/login').at(-1)!;
    expect(login.body).toEqual({ email: 'marta@example.org', password: 'correct horse battery' });
    expect(await screen.findByRole('heading', { name: 'My sessions' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('link', { name: 'Sign in' })).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/v1/auth/logout')).toBe(true);
  });

  it('creates an account: checks the password length first, sends the name, shows a taken email in the language', async () => {
    const user = userEvent.setup();
    storeLanguage('dashboard', 'de');
    const { calls } = mockFetch({
      ...signedOut,
      'POST /api/v1/auth/signup': () => coded(409, 'email_taken', 'email taken'),
    });
    renderApp('/admin/sign-in?mode=signup');
    await user.type(await screen.findByLabelText('E-Mail'), 'marta@example.org');
    await user.type(screen.getByLabelText('Passwort'), 'short');
    await user.click(screen.getByRole('button', { name: 'Konto erstellen' }));
    expect(await screen.findByText('Das Passwort braucht mindestens 10 Zeichen.')).toBeInTheDocument();
    expect(calls.some((c) => c.path === '/api/v1/auth/signup')).toBe(false);

    await user.type(screen.getByLabelText('Passwort'), ' and longer');
    await user.type(screen.getByLabelText('Dein Name (optional)'), 'Marta');
    await user.click(screen.getByRole('button', { name: 'Konto erstellen' }));
    expect(await screen.findByText('Ein Konto mit dieser E-Mail gibt es schon.')).toBeInTheDocument();
    expect(calls.find((c) => c.path === '/api/v1/auth/signup')!.body).toEqual({ email: 'marta@example.org', password: 'short and longer', display_name: 'Marta' });
  });

  it('says in words when single sign-on is off', async () => {
    const user = userEvent.setup();
    mockFetch({ ...signedOut, 'GET /api/v1/auth/oidc/start': () => coded(404, 'sso_unavailable', 'single sign-on is not configured') });
    renderApp('/admin/sign-in');
    await user.click(await screen.findByRole('link', { name: 'Sign in with single sign-on' }));
    expect(await screen.findByText('Single sign-on is not available right now.')).toBeInTheDocument();
  });

  it('says why single sign-on failed when the server sends the browser back', async () => {
    mockFetch({ ...signedOut });
    renderApp('/admin/sign-in?sso_error=sso_failed');
    expect(await screen.findByText('Single sign-on did not work. Try again.')).toBeInTheDocument();
  });

  it('follows ?next= only within the app', async () => {
    const { safeNext } = await import('./SignIn');
    expect(safeNext('/admin/invitations/abc')).toBe('/admin/invitations/abc');
    expect(safeNext('//evil.example')).toBe('/admin');
    expect(safeNext('https://evil.example')).toBe('/admin');
    expect(safeNext(null)).toBe('/admin');
  });
});

describe('dashboard home, signed in', () => {
  it("lists the account's sessions page by page with role and status, and claims one known by admin token", async () => {
    const user = userEvent.setup();
    adminStore.save({ id: 'local-1', name: 'Old quiz', token: 'admintok', createdAt: '2030-01-01T10:00:00Z' });
    const { calls } = mockFetch({
      ...signedIn,
      'GET /api/v1/me/sessions': (req) =>
        req.url.searchParams.get('cursor') === 'c2'
          ? json({ sessions: [{ id: 's3', name: 'Retro', status: 'completed', role: 'moderator', created_at: '2030-01-03T10:00:00Z', updated_at: '2030-01-03T10:00:00Z' }], next_cursor: '' })
          : json({
              sessions: [
                { id: 's1', name: 'Town hall', status: 'active', role: 'owner', created_at: '2030-01-02T10:00:00Z', updated_at: '2030-01-02T10:00:00Z' },
                { id: 's2', name: 'Offsite', status: 'draft', role: 'co-host', created_at: '2030-01-01T10:00:00Z', updated_at: '2030-01-01T10:00:00Z' },
              ],
              next_cursor: 'c2',
            }),
      'POST /api/v1/sessions/local-1/claim': () => json({ ...adminState.session, id: 'local-1' }),
    });
    renderApp('/admin');
    const list = await screen.findByRole('list', { name: 'My sessions' });
    const town = within(list).getByRole('link', { name: /Town hall/ });
    expect(town).toHaveAttribute('href', '/admin/sessions/s1');
    expect(within(list).getByText('Owner')).toBeInTheDocument();
    expect(within(list).getByText('Live')).toBeInTheDocument();
    expect(within(list).getByText('Co-host')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show more' }));
    expect(await within(list).findByRole('link', { name: /Retro/ })).toHaveAttribute('href', '/admin/sessions/s3/moderate');
    expect(calls.filter((c) => c.path === '/api/v1/me/sessions').at(-1)!.url.searchParams.get('cursor')).toBe('c2');

    await user.click(screen.getByRole('button', { name: 'Claim Old quiz into my account' }));
    await waitFor(() => expect(calls.some((c) => c.path === '/api/v1/sessions/local-1/claim')).toBe(true));
    const claim = calls.find((c) => c.path === '/api/v1/sessions/local-1/claim')!;
    expect(claim.method).toBe('POST');
    expect(claim.headers.get('Authorization')).toBe('Bearer admintok');
  });

  it('creates a session without asking for the organizer name (the account names it)', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({
      ...signedIn,
      'GET /api/v1/me/sessions': () => json({ sessions: [], next_cursor: '' }),
      'POST /api/v1/sessions': () => json({ ...adminState.session, admin_token: 'newtok', moderator_token: 'modtok' }, { status: 201 }),
      [`GET /api/v1/sessions/${SID}/state`]: () => json(adminState),
      [`GET /api/v1/sessions/${SID}/participants`]: () => json({ participants: [] }),
    });
    renderApp('/admin');
    const form = await screen.findByRole('form', { name: 'Create a session' });
    await waitFor(() => expect(within(form).queryByLabelText(/Your name/)).not.toBeInTheDocument());
    await user.type(within(form).getByLabelText('Session name'), 'Town hall');
    await user.click(within(form).getByRole('button', { name: 'Create session' }));
    // The whole dashboard renders first: slow on a busy machine.
    expect(await screen.findByTestId('session-name', {}, { timeout: 5000 })).toHaveTextContent('Town hall');
    expect(calls.find((c) => c.method === 'POST' && c.path === '/api/v1/sessions')!.body).toEqual({ name: 'Town hall', admin_id: 'Marta', settings: { language: 'en' } });
  });

  it('a claimed session moves from this browser\'s list into My sessions', async () => {
    const user = userEvent.setup();
    adminStore.save({ id: 'local-1', name: 'Old quiz', token: 'admintok', createdAt: '2030-01-01T10:00:00Z' });
    let claimed = false;
    mockFetch({
      ...signedIn,
      'GET /api/v1/me/sessions': () =>
        json({ sessions: claimed ? [{ id: 'local-1', name: 'Old quiz', status: 'draft', role: 'owner', created_at: '2030-01-01T10:00:00Z', updated_at: '2030-01-01T10:00:00Z' }] : [], next_cursor: '' }),
      'POST /api/v1/sessions/local-1/claim': () => {
        claimed = true;
        return json({ ...adminState.session, id: 'local-1' });
      },
    });
    renderApp('/admin');
    await user.click(await screen.findByRole('button', { name: 'Claim Old quiz into my account' }));
    expect(await within(await screen.findByRole('list', { name: 'My sessions' })).findByRole('link', { name: /Old quiz/ })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Known only to this browser' })).not.toBeInTheDocument());
  });

  it('shows a claim the server refuses in words', async () => {
    const user = userEvent.setup();
    adminStore.save({ id: 'local-1', name: 'Old quiz', token: 'admintok', createdAt: '2030-01-01T10:00:00Z' });
    mockFetch({
      ...signedIn,
      'GET /api/v1/me/sessions': () => json({ sessions: [], next_cursor: '' }),
      'POST /api/v1/sessions/local-1/claim': () => coded(409, 'session_owned'),
    });
    renderApp('/admin');
    await user.click(await screen.findByRole('button', { name: 'Claim Old quiz into my account' }));
    expect(await screen.findByText('This session already belongs to an account.')).toBeInTheDocument();
  });

  it('when the operator requires accounts, a signed-out create says so and links to sign-in', async () => {
    const user = userEvent.setup();
    mockFetch({ ...signedOut, 'POST /api/v1/sessions': () => coded(401, 'sign_in_required') });
    renderApp('/admin');
    await user.type(await screen.findByLabelText('Session name'), 'Town hall');
    await user.type(screen.getByLabelText(/Your name/), 'Marta');
    await user.click(screen.getByRole('button', { name: 'Create session' }));
    expect(await screen.findByText(/Sign in to do this\./)).toBeInTheDocument();
    const links = screen.getAllByRole('link', { name: 'Sign in' });
    expect(links.some((l) => l.getAttribute('href') === '/admin/sign-in?next=%2Fadmin')).toBe(true);
  });

  it('offers no claim and no account list when signed out', async () => {
    adminStore.save({ id: 'local-1', name: 'Old quiz', token: 'admintok', createdAt: '2030-01-01T10:00:00Z' });
    mockFetch(signedOut);
    renderApp('/admin');
    expect(await screen.findByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/admin/sign-in?next=%2Fadmin');
    expect(screen.queryByRole('button', { name: /Claim/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'My sessions' })).not.toBeInTheDocument();
  });
});

describe('session page with the cookie alone', () => {
  const routes = (extra: Record<string, Route> = {}): Record<string, Route> => ({
    ...signedIn,
    [`GET /api/v1/sessions/${SID}/state`]: () => json(adminState),
    [`GET /api/v1/sessions/${SID}/participants`]: () => json({ participants: [] }),
    ...extra,
  });

  it('opens without an admin token and sends no Bearer; the share box has no admin link', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch(routes());
    renderApp(`/admin/sessions/${SID}`);
    expect(await screen.findByTestId('session-name')).toHaveTextContent('Town hall');
    const state = calls.find((c) => c.path.endsWith('/state'))!;
    expect(state.url.searchParams.get('view')).toBe('admin');
    expect(state.headers.get('Authorization')).toBeNull();
    await user.click(screen.getByRole('button', { name: /Share/ }));
    expect(await screen.findByLabelText(/Join link/)).toBeInTheDocument();
    expect(screen.queryByLabelText(/Admin link/)).not.toBeInTheDocument();
  });

  it('invites a moderator and shows the link to copy', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch(
      routes({ [`POST /api/v1/sessions/${SID}/invitations`]: () => json({ token: 'inv1', url: 'http://localhost/admin/invitations/inv1' }, { status: 201 }) }),
    );
    renderApp(`/admin/sessions/${SID}`);
    const form = await screen.findByRole('form', { name: 'Invite someone to this session' });
    await user.type(within(form).getByLabelText('Their email'), 'ana@example.org');
    await user.selectOptions(within(form).getByLabelText('Role'), 'moderator');
    await user.click(within(form).getByRole('button', { name: 'Create invitation link' }));
    expect(await screen.findByLabelText('Invitation link')).toHaveValue('http://localhost/admin/invitations/inv1');
    const inv = calls.find((c) => c.path.endsWith('/invitations'))!;
    expect(inv.body).toEqual({ email: 'ana@example.org', role: 'moderator' });
    expect(inv.headers.get('Authorization')).toBeNull();
  });

  it('a co-host is told the role does not allow deleting', async () => {
    const user = userEvent.setup();
    mockFetch(routes({ [`DELETE /api/v1/sessions/${SID}`]: () => coded(403, 'role_insufficient') }));
    renderApp(`/admin/sessions/${SID}`);
    await user.click(await screen.findByRole('button', { name: 'Delete session' }));
    const dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Delete session' }));
    expect(await screen.findByText('Your role in this session does not allow this.')).toBeInTheDocument();
  });

  it('the owner deletes the session after confirming and lands on the dashboard', async () => {
    const user = userEvent.setup();
    adminStore.save({ id: SID, name: 'Town hall', token: 'admintok', createdAt: '2030-01-01T10:00:00Z' });
    const { calls } = mockFetch(
      routes({ [`DELETE /api/v1/sessions/${SID}`]: () => noContent(), 'GET /api/v1/me/sessions': () => json({ sessions: [], next_cursor: '' }) }),
    );
    renderApp(`/admin/sessions/${SID}`);
    await user.click(await screen.findByRole('button', { name: 'Delete session' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete session' }));
    expect(await screen.findByRole('heading', { name: 'My sessions' })).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'DELETE')!.headers.get('Authorization')).toBe('Bearer admintok');
    expect(adminStore.get(SID)).toBeNull();
  });

  it('the owner revokes the admin link and keeps the session by the cookie', async () => {
    const user = userEvent.setup();
    adminStore.save({ id: SID, name: 'Town hall', token: 'admintok', createdAt: '2030-01-01T10:00:00Z' });
    const { calls } = mockFetch(routes({ [`DELETE /api/v1/sessions/${SID}/admin-token`]: () => noContent() }));
    renderApp(`/admin/sessions/${SID}`);
    await user.click(await screen.findByRole('button', { name: 'Revoke the admin link' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Revoke the admin link' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE' && c.path.endsWith('/admin-token'))).toBe(true));
    expect(adminStore.get(SID)).toBeNull();
    expect(await screen.findByTestId('session-name')).toHaveTextContent('Town hall');
    await waitFor(() => expect(calls.filter((c) => c.path.endsWith('/state')).at(-1)!.headers.get('Authorization')).toBeNull());
  });

  it('an account without an organizer role is pointed to moderation, not asked for an admin link', async () => {
    mockFetch({ ...signedIn, [`GET /api/v1/sessions/${SID}/state`]: () => coded(403, 'role_insufficient') });
    renderApp(`/admin/sessions/${SID}`);
    expect(await screen.findByText('Your account is not an owner or co-host of this session.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open moderation' })).toHaveAttribute('href', `/admin/sessions/${SID}/moderate`);
    expect(screen.queryByLabelText('Admin link or token')).not.toBeInTheDocument();
  });

  it('a co-host (as the list says) is offered no delete and no revoke', async () => {
    const user = userEvent.setup();
    mockFetch(
      routes({
        'GET /api/v1/me/sessions': () =>
          json({ sessions: [{ id: SID, name: 'Town hall', status: 'active', role: 'co-host', created_at: '2030-01-02T10:00:00Z', updated_at: '2030-01-02T10:00:00Z' }], next_cursor: '' }),
      }),
    );
    renderApp('/admin');
    await user.click(await within(await screen.findByRole('list', { name: 'My sessions' })).findByRole('link', { name: /Town hall/ }));
    expect(await screen.findByTestId('session-name')).toHaveTextContent('Town hall');
    expect(screen.getByRole('form', { name: 'Invite someone to this session' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete session' })).not.toBeInTheDocument();
  });

  it('a moderator by account opens the moderation page without a moderator token', async () => {
    const { calls } = mockFetch({ ...signedIn, [`GET /api/v1/sessions/${SID}/state`]: () => json({ ...adminState, current_activity: null }) });
    renderApp(`/admin/sessions/${SID}/moderate`);
    await waitFor(() => expect(calls.some((c) => c.path.endsWith('/state'))).toBe(true));
    expect(screen.queryByLabelText('Moderator link or token')).not.toBeInTheDocument();
  });
});

describe('invitations', () => {
  it('sends a visitor who is not signed in to sign in, then back', async () => {
    mockFetch(signedOut);
    renderApp('/admin/invitations/inv1');
    expect(await screen.findByRole('heading', { name: 'Sign in to Caja' })).toBeInTheDocument();
  });

  it('accepts when signed in and opens the session in the role', async () => {
    const { calls } = mockFetch({
      ...signedIn,
      'POST /api/v1/invitations/inv1/accept': () => json({ session_id: SID, role: 'co-host' }),
      [`GET /api/v1/sessions/${SID}/state`]: () => json(adminState),
      [`GET /api/v1/sessions/${SID}/participants`]: () => json({ participants: [] }),
    });
    renderApp('/admin/invitations/inv1');
    expect(await screen.findByTestId('session-name')).toHaveTextContent('Town hall');
    expect(calls.filter((c) => c.path === '/api/v1/invitations/inv1/accept')).toHaveLength(1);
  });

  it('says so when the invitation is gone', async () => {
    mockFetch({ ...signedIn, 'POST /api/v1/invitations/inv1/accept': () => coded(404, 'invitation_not_found') });
    renderApp('/admin/invitations/inv1');
    expect(await screen.findByText('This invitation does not exist, was used already or has expired.')).toBeInTheDocument();
  });
});

describe('account page', () => {
  it('downloads the export and deletes the account with its sessions after confirming', async () => {
    const user = userEvent.setup();
    let me: typeof ME | null = ME;
    const { calls } = mockFetch({
      'GET /api/v1/auth/me': () => (me ? json(me) : coded(401, 'unauthorized')),
      'GET /api/v1/me/export': () => json({ account: ME, sessions: [] }),
      'DELETE /api/v1/auth/me': () => {
        me = null;
        return noContent();
      },
    });
    const created: string[] = [];
    URL.createObjectURL = (() => {
      created.push('x');
      return 'blob:x';
    }) as typeof URL.createObjectURL;
    URL.revokeObjectURL = () => {};
    renderApp('/admin/account');
    expect(await screen.findByText('marta@example.org')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Download my data' }));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(calls.some((c) => c.path === '/api/v1/me/export')).toBe(true);

    await user.click(screen.getByLabelText('Also delete my sessions, with their participants and answers'));
    await user.click(screen.getByRole('button', { name: 'Delete account' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog).toHaveTextContent('every session you own');
    await user.click(within(dialog).getByRole('button', { name: 'Delete account' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE')).toBe(true));
    const del = calls.find((c) => c.method === 'DELETE')!;
    expect(del.path).toBe('/api/v1/auth/me');
    expect(del.url.searchParams.get('with_sessions')).toBe('true');
    expect(await screen.findByRole('link', { name: 'Sign in' })).toBeInTheDocument();
  });

  it('keeps the sessions unless asked', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({ ...signedIn, 'DELETE /api/v1/auth/me': () => noContent() });
    renderApp('/admin/account');
    await user.click(await screen.findByRole('button', { name: 'Delete account' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete account' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE')).toBe(true));
    expect(calls.find((c) => c.method === 'DELETE')!.url.searchParams.has('with_sessions')).toBe(false);
  });
});
