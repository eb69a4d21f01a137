import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { renderWithQuery } from '../../test/render';
import { meFixture as me } from '../../test/fixtures';
import type { Activity, ContentActivity, NumericActivity, PointsActivity, RankingActivity, ScalesActivity } from '../../types/activity';
import { ActivityAnswer } from './ActivityAnswer';

const SID = 's1';
const RESP = (aid: string) => `POST /api/v1/sessions/${SID}/activities/${aid}/responses`;
const ok = (aid: string) => () => json({ id: 'r1', activity_id: aid, status: 'created' }, { status: 201 });

const opts = [
  { id: 'o1', label: 'Pizza' },
  { id: 'o2', label: 'Sushi' },
  { id: 'o3', label: 'Tacos', image_id: 'img3' },
];

function activity<A extends Activity>(type: A['type'], extra: Partial<A> = {}): A {
  return {
    id: `a-${type}`,
    type,
    title: `The ${type} question`,
    status: 'open',
    position: 0,
    results_visible: false,
    options: opts,
    settings: {},
    opened_at: '2030-01-01T10:00:00Z',
    ...extra,
  } as A;
}

function renderForm(a: Activity) {
  const onAnswered = vi.fn();
  const utils = renderWithQuery(<ActivityAnswer activity={a} sessionId={SID} token="tok" participantId="p1" me={me()} onAnswered={onAnswered} />);
  return { ...utils, onAnswered };
}

const rowLabels = () => screen.getAllByTestId('ranking-row').map((r) => r.textContent);

describe('ranking', () => {
  it('reorders with the arrow buttons and sends every option once, best first', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({ [RESP('a-ranking')]: ok('a-ranking') });
    const { onAnswered } = renderForm(activity<RankingActivity>('ranking'));
    expect(screen.getByRole('img', { name: 'Tacos' })).toHaveAttribute('src', '/api/v1/images/img3');
    expect(screen.getByRole('button', { name: 'Move “Pizza” up' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Move “Tacos” up' }));
    await user.click(screen.getByRole('button', { name: 'Move “Tacos” up' }));
    await user.click(screen.getByRole('button', { name: 'Move “Pizza” down' }));
    expect(rowLabels()[0]).toContain('Tacos');
    await user.click(screen.getByRole('button', { name: 'Send my ranking' }));
    expect(await screen.findByText('Your answer is in')).toBeInTheDocument();
    const sent = (calls[0]?.body as { option_ids: string[] }).option_ids;
    expect(sent).toEqual(['o3', 'o2', 'o1']);
    expect([...sent].sort()).toEqual(['o1', 'o2', 'o3']);
    expect(onAnswered).toHaveBeenCalled();
    // Changing it again while open.
    await user.click(screen.getByRole('button', { name: 'Move “Pizza” up' }));
    await user.click(screen.getByRole('button', { name: 'Update my ranking' }));
    expect((calls[1]?.body as { option_ids: string[] }).option_ids).toEqual(['o3', 'o1', 'o2']);
  });

  it('drags a row by its handle to another place, keeping every option once', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({ [RESP('a-ranking')]: ok('a-ranking') });
    renderForm(activity<RankingActivity>('ranking'));
    const rows = screen.getAllByTestId('ranking-row');
    rows.forEach((row, i) => {
      row.getBoundingClientRect = () => ({ top: i * 60, height: 60, bottom: i * 60 + 60, left: 0, right: 300, width: 300, x: 0, y: i * 60, toJSON: () => ({}) });
    });
    const handle = within(rows[0]!).getByTestId('ranking-handle');
    fireEvent.pointerDown(handle, { pointerId: 1, clientY: 30 });
    fireEvent.pointerMove(handle, { pointerId: 1, clientY: 170 });
    fireEvent.pointerUp(handle, { pointerId: 1, clientY: 170 });
    expect(rowLabels().map((t) => t?.replace(/[⠿↑↓]/g, '').replace(/^\d+\./, '').trim())).toEqual(['Sushi', 'Tacos', 'Pizza']);
    await user.click(screen.getByRole('button', { name: 'Send my ranking' }));
    await screen.findByText('Your answer is in');
    expect(calls[0]?.body).toEqual({ option_ids: ['o2', 'o3', 'o1'] });
  });
});

describe('scales', () => {
  const scales = () =>
    activity<ScalesActivity>('scales', {
      options: [
        { id: 's1', label: 'The talk was clear' },
        { id: 's2', label: 'I learned something' },
      ],
      settings: { min: 1, max: 5, min_label: 'Disagree', max_label: 'Agree' },
    });

  it('asks for every statement, then sends the ratings by option id', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({ [RESP('a-scales')]: ok('a-scales') });
    renderForm(scales());
    const send = screen.getByRole('button', { name: 'Send my ratings' });
    expect(screen.getAllByText('Disagree')).toHaveLength(2);
    await user.click(within(screen.getByRole('radiogroup', { name: 'Rate “The talk was clear”' })).getByRole('radio', { name: '4' }));
    expect(send).toBeDisabled();
    expect(screen.getByText('1 left to rate.')).toBeInTheDocument();
    await user.click(within(screen.getByRole('radiogroup', { name: 'Rate “I learned something”' })).getByRole('radio', { name: '5 (Agree)' }));
    await user.click(send);
    await screen.findByText('Your answer is in');
    expect(calls[0]?.body).toEqual({ ratings: { s1: 4, s2: 5 } });
  });

  it('shows the server’s error next to the statement it names', async () => {
    const user = userEvent.setup();
    mockFetch({ [RESP('a-scales')]: () => problem(422, [{ field: 'ratings.s2', message: 'must be between 1 and 5' }]) });
    renderForm(scales());
    for (const name of ['Rate “The talk was clear”', 'Rate “I learned something”']) {
      await user.click(within(screen.getByRole('radiogroup', { name })).getByRole('radio', { name: /^3/ }));
    }
    await user.click(screen.getByRole('button', { name: 'Send my ratings' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/must be between 1 and 5/);
  });
});

describe('100 points', () => {
  const points = () => activity<PointsActivity>('points', { settings: { total: 100 } });

  it('counts what is left and never lets the points pass the total', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({ [RESP('a-points')]: ok('a-points') });
    renderForm(points());
    expect(screen.getByTestId('points-left')).toHaveTextContent('100 left');
    const pizza = screen.getByRole('spinbutton', { name: 'Pizza' });
    await user.clear(pizza);
    await user.type(pizza, '80');
    expect(screen.getByTestId('points-left')).toHaveTextContent('20 left');
    const sushi = screen.getByRole('spinbutton', { name: 'Sushi' });
    await user.clear(sushi);
    await user.type(sushi, '150');
    expect(sushi).toHaveValue(20);
    expect(screen.getByTestId('points-left')).toHaveTextContent('0 left');
    expect(screen.getByRole('button', { name: 'More points for “Tacos”' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Fewer points for “Pizza”' }));
    expect(pizza).toHaveValue(75);
    await user.click(screen.getByRole('button', { name: 'More points for “Tacos”' }));
    await user.click(screen.getByRole('button', { name: 'More points for “Tacos”' }));
    expect(screen.getByRole('spinbutton', { name: 'Tacos' })).toHaveValue(5);
    await user.click(screen.getByRole('button', { name: 'Send my points' }));
    await screen.findByText('Your answer is in');
    expect(calls[0]?.body).toEqual({ points: { o1: 75, o2: 20, o3: 5 } });
  });
});

describe('numeric', () => {
  const numeric = () => activity<NumericActivity>('numeric', { options: [], settings: { min: 0, max: 100, unit: 'km' } });

  it('refuses a number outside min..max before sending, then sends the number', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({ [RESP('a-numeric')]: ok('a-numeric') });
    renderForm(numeric());
    expect(screen.getByText('km')).toBeInTheDocument();
    const input = screen.getByLabelText('Your answer, from 0 to 100 km');
    await user.type(input, '250');
    await user.click(screen.getByRole('button', { name: 'Send my answer' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter a number from 0 to 100.');
    expect(calls).toHaveLength(0);
    await user.clear(input);
    await user.type(input, '42,5');
    await user.click(screen.getByRole('button', { name: 'Send my answer' }));
    await screen.findByText('Your answer is in');
    expect(calls[0]?.body).toEqual({ value: 42.5 });
  });
});

describe('numeric quiz', () => {
  it('takes one answer: locked once sent', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({ [RESP('a-numeric')]: ok('a-numeric') });
    renderForm(activity<NumericActivity>('numeric', { options: [], settings: { min: 0, max: 1000, points: 1000, time_limit_s: 20 } }));
    await user.type(screen.getByLabelText('Your answer, from 0 to 1000'), '120');
    await user.click(screen.getByRole('button', { name: 'Send my answer' }));
    expect(await screen.findByText('Locked in. Wait for the reveal…')).toBeInTheDocument();
    expect(screen.getByLabelText('Your answer, from 0 to 1000')).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Update my answer' })).toBeDisabled();
    expect(calls).toHaveLength(1);
  });
});

describe('content slide', () => {
  it('renders its Markdown and image safely, with nothing to answer', () => {
    mockFetch({});
    const slide = activity<ContentActivity>('content', {
      options: [],
      title: 'Welcome',
      image_id: 'img9',
      body: '## Agenda\n\n- **Intro**\n- [Slides](https://example.com)\n\n<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">',
    });
    const { container } = renderForm(slide);
    expect(screen.getByRole('img', { name: 'Welcome' })).toHaveAttribute('src', '/api/v1/images/img9');
    expect(screen.getByText('Intro').tagName).toBe('STRONG');
    expect(screen.getByRole('link', { name: 'Slides' })).toHaveAttribute('rel', 'noopener noreferrer');
    expect(screen.getByRole('link', { name: 'Slides' })).toHaveAttribute('target', '_blank');
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('[onerror]')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByText('Nothing to answer here: just read along.')).toBeInTheDocument();
  });
});
