import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../services/api';
import { json, mockFetch } from '../test/fetchMock';
import { renderApp } from '../test/render';
import type { DisplayState } from '../types/state';
import { describeError, formErrors } from '../utils/validation';
import { applyLanguage, pickLanguage } from './index';
import { chooseLanguage } from './scope';

const SID = '11111111-2222-3333-4444-555555555555';
const lobby = (language?: string): DisplayState => ({
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
    ...(language ? { settings: { profanity_filter: 'hold' as const, language } } : {}),
  },
  current_activity: null,
  participant_count: 1042,
  leaderboard: [],
  pinned_question: null,
});

describe('choosing the language', () => {
  it('takes the first browser language Caja speaks', () => {
    expect(pickLanguage(['nl-NL', 'de-AT', 'en'])).toBe('de');
    expect(pickLanguage(['pt-BR'])).toBe('pt');
    expect(pickLanguage(['ja'])).toBe('en');
  });

  it('the display follows settings.language, phones their stored choice, else the browser', () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['it-IT']);
    expect(chooseLanguage('display', 'fr')).toBe('fr');
    expect(chooseLanguage('display', 'xx')).toBe('it');
    expect(chooseLanguage('phone')).toBe('it');
    window.localStorage.setItem('caja.language.phone', 'es');
    expect(chooseLanguage('phone')).toBe('es');
    expect(chooseLanguage('dashboard')).toBe('it');
    vi.restoreAllMocks();
  });

  it('sets <html lang> and dir: Arabic is right to left', () => {
    applyLanguage('ar');
    expect(document.documentElement.lang).toBe('ar');
    expect(document.documentElement.dir).toBe('rtl');
    applyLanguage('de');
    expect(document.documentElement.dir).toBe('ltr');
    applyLanguage('en');
  });
});

describe('translated screens', () => {
  it('the display speaks the session’s settings.language (French), numbers in its locale', async () => {
    mockFetch({ [`GET /api/v1/sessions/${SID}/state`]: () => json(lobby('fr')) });
    renderApp(`/display/${SID}?key=dk-123`);
    expect(await screen.findByText('Participez depuis votre téléphone sur', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('fr');
    // 1 042 with a narrow no-break space, as French writes it.
    expect(screen.getByTestId('participant-count').textContent?.replace(/\s/g, ' ')).toBe('1 042 personnes');
  });

  it('the join screen’s switcher changes the language and remembers it', async () => {
    const user = userEvent.setup();
    mockFetch({});
    renderApp('/join');
    expect(await screen.findByLabelText('Join code')).toBeInTheDocument();
    await user.selectOptions(screen.getByTestId('language-select'), 'de');
    expect(await screen.findByLabelText('Beitrittscode')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Weiter' })).toBeInTheDocument();
    expect(window.localStorage.getItem('caja.language.phone')).toBe('de');
    await user.selectOptions(screen.getByTestId('language-select'), 'ar');
    await waitFor(() => expect(document.documentElement.dir).toBe('rtl'));
    expect(await screen.findByLabelText('رمز الانضمام')).toBeInTheDocument();
  });
});

describe('problem codes', () => {
  const taken = new ApiError(409, { status: 409, detail: 'nickname taken', code: 'nickname_taken' });

  it('a code becomes the active language’s message; without one the server’s detail stays', () => {
    expect(describeError(taken)).toBe('That nickname is taken. Choose another.');
    applyLanguage('de');
    expect(describeError(taken)).toBe('Dieser Spitzname ist vergeben. Wähle einen anderen.');
    expect(formErrors(taken).code).toBe('nickname_taken');
    expect(describeError(new ApiError(409, { status: 409, detail: 'something new' }))).toBe('Something new');
    applyLanguage('en');
  });

  it('a kind’s code keeps the English detail in English and translates elsewhere', () => {
    const conflict = new ApiError(409, { status: 409, detail: 'a very specific conflict', code: 'conflict' });
    expect(describeError(conflict)).toBe('A very specific conflict');
    applyLanguage('fr');
    expect(describeError(conflict)).toBe('Impossible pour le moment.');
    applyLanguage('en');
  });
});
