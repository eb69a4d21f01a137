import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { renderWithQuery } from '../../test/render';
import { answerStore } from '../../services/storage';
import type { Activity, OpenTextActivity, PollActivity, QnaActivity, QuizActivity, RatingActivity, WordCloudActivity } from '../../types/activity';
import type { Me } from '../../types/session';
import { meFixture as me } from '../../test/fixtures';
import { ActivityAnswer } from './ActivityAnswer';

const SID = 's1';
const RESP = (aid: string) => `POST /api/v1/sessions/${SID}/activities/${aid}/responses`;

function base<T extends Activity['type']>(type: T, extra: Partial<Activity> = {}) {
  return {
    id: `a-${type}`,
    type,
    title: `The ${type} question`,
    status: 'open' as const,
    position: 0,
    results_visible: false,
    options: [],
    settings: {},
    opened_at: '2030-01-01T10:00:00Z',
    ...extra,
  };
}

const poll = (multiple = false, max: number | null = null): PollActivity =>
  ({
    ...base('poll'),
    options: [
      { id: 'o1', label: 'Red' },
      { id: 'o2', label: 'Green' },
      { id: 'o3', label: 'Blue' },
    ],
    settings: { multiple, max_choices: max },
  }) as PollActivity;

const quiz = (extra: Partial<QuizActivity> = {}): QuizActivity =>
  ({
    ...base('quiz'),
    options: [
      { id: 'q1', label: '3' },
      { id: 'q2', label: '4' },
    ],
    settings: { time_limit_s: 30, points: 1000 },
    ...extra,
  }) as QuizActivity;


function renderForm(activity: Activity, opts: { me?: Me; serverNow?: () => number; onAnswered?: () => void } = {}) {
  const onAnswered = opts.onAnswered ?? vi.fn();
  const utils = renderWithQuery(
    <ActivityAnswer
      activity={activity}
      sessionId={SID}
      token="tok"
      participantId="p1"
      me={opts.me ?? me()}
      onAnswered={onAnswered}
      {...(opts.serverNow ? { serverNow: opts.serverNow } : {})}
    />,
  );
  return { ...utils, onAnswered };
}

describe('poll', () => {
  it('votes with one tap and can change the vote while open', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({ [RESP('a-poll')]: () => json({ id: 'r1', activity_id: 'a-poll', status: 'created' }, { status: 201 }) });
    const { onAnswered } = renderForm(poll());
    expect(screen.getByRole('radiogroup', { name: 'The poll question' })).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: /Green/ }));
    expect(await screen.findByText('Your answer is in')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: /Green/ })).toHaveAttribute('aria-checked', 'true');
    expect(calls[0]?.body).toEqual({ option_ids: ['o2'] });
    expect(calls[0]?.headers.get('Authorization')).toBe('Bearer tok');
    expect(onAnswered).toHaveBeenCalled();

    await user.click(screen.getByRole('radio', { name: /Blue/ }));
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]?.body).toEqual({ option_ids: ['o3'] });
    await waitFor(() => expect(screen.getByRole('radio', { name: /Blue/ })).toHaveAttribute('aria-checked', 'true'));
  });

  it('allows several choices up to max_choices, then sends them together', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({ [RESP('a-poll')]: () => json({ id: 'r1', activity_id: 'a-poll', status: 'created' }, { status: 201 }) });
    renderForm(poll(true, 2));
    await user.click(screen.getByRole('checkbox', { name: /Red/ }));
    await user.click(screen.getByRole('checkbox', { name: /Blue/ }));
    expect(screen.getByRole('checkbox', { name: /Green/ })).toBeDisabled();
    expect(calls).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Send my vote' }));
    expect(await screen.findByText('Your answer is in')).toBeInTheDocument();
    expect(calls[0]?.body).toEqual({ option_ids: ['o1', 'o3'] });
  });

  it('shows an option_ids error from the server', async () => {
    const user = userEvent.setup();
    mockFetch({ [RESP('a-poll')]: () => problem(422, [{ field: 'option_ids', message: 'choose at most 1 option(s)' }]) });
    renderForm(poll());
    await user.click(screen.getByRole('radio', { name: /Red/ }));
    expect(await screen.findByText('Choose at most 1 option(s)')).toBeInTheDocument();
  });
});

describe('timed activities', () => {
  it('a timed poll counts down from the server deadline, like a quiz', () => {
    const now = Date.parse('2030-01-01T10:00:10Z');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
    mockFetch({});
    const timed = { ...poll(), settings: { multiple: false, max_choices: null, time_limit_s: 30 }, closes_at: '2030-01-01T10:00:30Z' } as PollActivity;
    renderForm(timed, { serverNow: () => Date.now() });
    expect(screen.getByRole('timer')).toHaveAccessibleName('20 seconds left');
  });

  it('an untimed poll shows no countdown', () => {
    mockFetch({});
    renderForm(poll(), { serverNow: () => Date.now() });
    expect(screen.queryByRole('timer')).not.toBeInTheDocument();
  });
});

describe('quiz', () => {
  it('counts down from the server open time, corrected for clock skew', () => {
    // The phone's clock is 60 s behind the server; the question opened 12 s ago by the server's clock.
    const opened = Date.parse('2030-01-01T10:00:00Z');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(opened + 12_000 - 60_000);
    mockFetch({});
    renderForm(quiz(), { serverNow: () => Date.now() + 60_000 });
    expect(screen.getByRole('timer')).toHaveAccessibleName('18 seconds left');
  });

  it('locks after one answer and shows right/wrong and points after the reveal', async () => {
    const user = userEvent.setup();
    const serverNow = () => Date.parse('2030-01-01T10:00:05Z');
    const { calls } = mockFetch({ [RESP('a-quiz')]: () => json({ id: 'r1', activity_id: 'a-quiz', status: 'created' }, { status: 201 }) });
    const { rerender } = renderForm(quiz(), { serverNow });
    await user.click(screen.getByRole('radio', { name: /4/ }));
    expect(await screen.findByText('Your answer is in')).toBeInTheDocument();
    expect(screen.getByText('Locked in. Wait for the reveal…')).toBeInTheDocument();
    expect(calls[0]?.body).toEqual({ option_ids: ['q2'] });
    for (const r of screen.getAllByRole('radio')) expect(r).toBeDisabled();

    const revealed = quiz({
      status: 'closed',
      results_visible: true,
      options: [
        { id: 'q1', label: '3', correct: false },
        { id: 'q2', label: '4', correct: true },
      ],
    });
    rerender(
      <ActivityAnswer
        activity={revealed}
        sessionId={SID}
        token="tok"
        participantId="p1"
        me={me({ score: 920, rank: 2, correct_answers: 1, answered_activity_ids: ['a-quiz'], quiz_results: [{ activity_id: 'a-quiz', correct: true, points: 920 }] })}
        onAnswered={() => undefined}
        serverNow={serverNow}
      />,
    );
    expect(screen.getByText('Correct!')).toBeInTheDocument();
    expect(screen.getByText('+920 points')).toBeInTheDocument();
    expect(screen.getByText(/you are 2nd/)).toBeInTheDocument();
    expect(screen.getByText('Right answer')).toBeInTheDocument();
  });

  it('counts down to the server deadline closes_at when there is one', () => {
    mockFetch({});
    // Opened at 10:00:00 with 30 s, but the server says it closes at 10:00:45 (e.g. extended).
    renderForm(quiz({ closes_at: '2030-01-01T10:00:45Z' }), { serverNow: () => Date.parse('2030-01-01T10:00:31Z') });
    expect(screen.getByRole('timer')).toHaveAccessibleName('14 seconds left');
    expect(screen.queryByText("Time's up!")).not.toBeInTheDocument();
  });

  it('says time is up once the limit has passed', () => {
    mockFetch({});
    renderForm(quiz(), { serverNow: () => Date.parse('2030-01-01T10:00:31Z') });
    expect(screen.getByText("Time's up!")).toBeInTheDocument();
    for (const r of screen.getAllByRole('radio')) expect(r).toBeDisabled();
  });

  it('answers a one-answer quiz (choices: 1) with one tap: no Submit button', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({ [RESP('a-quiz')]: () => json({ id: 'r1', activity_id: 'a-quiz', status: 'created' }, { status: 201 }) });
    renderForm(quiz({ choices: 1 }), { serverNow: () => Date.parse('2030-01-01T10:00:05Z') });
    expect(screen.getByRole('radiogroup', { name: 'The quiz question' })).toBeInTheDocument();
    expect(screen.queryByText(/Choose \d answers/)).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Submit' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: /3/ }));
    expect(await screen.findByText('Locked in. Wait for the reveal…')).toBeInTheDocument();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.body).toEqual({ option_ids: ['q1'] });
  });

  const planets = (extra: Partial<QuizActivity> = {}) =>
    quiz({
      title: 'Which are gas giants?',
      options: [
        { id: 'j', label: 'Jupiter' },
        { id: 'm', label: 'Mars' },
        { id: 's', label: 'Saturn' },
        { id: 'v', label: 'Venus' },
      ],
      choices: 2,
      ...extra,
    });

  it('with choices: 2 asks for two answers, caps the picks at two and sends both in one request', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({ [RESP('a-quiz')]: () => json({ id: 'r1', activity_id: 'a-quiz', status: 'created' }, { status: 201 }) });
    const { onAnswered } = renderForm(planets(), { serverNow: () => Date.parse('2030-01-01T10:00:05Z') });
    expect(screen.getByText('Choose 2 answers')).toBeInTheDocument();
    expect(screen.getByText('0 of 2 chosen')).toBeInTheDocument();
    const group = screen.getByRole('group', { name: 'Which are gas giants?' });
    expect(within(group).getAllByRole('checkbox')).toHaveLength(4);
    const submitBtn = screen.getByRole('button', { name: 'Submit' });
    expect(submitBtn).toBeDisabled();

    // Tapping chooses without sending; tapping again unchooses.
    await user.click(screen.getByRole('checkbox', { name: /Mars/ }));
    expect(screen.getByRole('checkbox', { name: /Mars/ })).toHaveAttribute('aria-checked', 'true');
    await user.click(screen.getByRole('checkbox', { name: /Mars/ }));
    expect(screen.getByRole('checkbox', { name: /Mars/ })).toHaveAttribute('aria-checked', 'false');
    await user.click(screen.getByRole('checkbox', { name: /Jupiter/ }));
    expect(screen.getByText('1 of 2 chosen')).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: /Saturn/ }));
    expect(screen.getByText('2 of 2 chosen')).toBeInTheDocument();
    expect(calls).toHaveLength(0);

    // No third pick.
    const venus = screen.getByRole('checkbox', { name: /Venus/ });
    expect(venus).toBeDisabled();
    await user.click(venus);
    expect(venus).toHaveAttribute('aria-checked', 'false');
    expect(screen.getByText('2 of 2 chosen')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(await screen.findByText('Locked in. Wait for the reveal…')).toBeInTheDocument();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.body).toEqual({ option_ids: ['j', 's'] });
    expect(onAnswered).toHaveBeenCalled();
    // Locked: everything disabled, the picks stay shown, no second submit.
    for (const c of screen.getAllByRole('checkbox')) expect(c).toBeDisabled();
    expect(screen.getByRole('checkbox', { name: /Jupiter/ })).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByRole('checkbox', { name: /Saturn/ })).toHaveAttribute('aria-checked', 'true');
    expect(screen.queryByRole('button', { name: 'Submit' })).not.toBeInTheDocument();
    expect(screen.queryByText('Choose 2 answers')).not.toBeInTheDocument();
  });

  it('with choices: 2 lets one pick be submitted but says two are expected', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({ [RESP('a-quiz')]: () => json({ id: 'r1', activity_id: 'a-quiz', status: 'created' }, { status: 201 }) });
    renderForm(planets(), { serverNow: () => Date.parse('2030-01-01T10:00:05Z') });
    await user.click(screen.getByRole('checkbox', { name: /Saturn/ }));
    expect(screen.getByText(/right answer is 2 options/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(await screen.findByText('Locked in. Wait for the reveal…')).toBeInTheDocument();
    expect(calls[0]?.body).toEqual({ option_ids: ['s'] });
  });

  it('with choices: 2 remembers the sent picks across a reload and shows both right options after the reveal', () => {
    mockFetch({});
    // What the form stored after a successful submit, before the reload.
    answerStore.set('p1', 'a-quiz', { option_ids: ['j', 's'] });
    const { rerender } = renderForm(planets(), {
      me: me({ answered_activity_ids: ['a-quiz'] }),
      serverNow: () => Date.parse('2030-01-01T10:00:05Z'),
    });
    expect(screen.getByText('Locked in. Wait for the reveal…')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Submit' })).not.toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: /Jupiter/ })).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByRole('checkbox', { name: /Saturn/ })).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByRole('checkbox', { name: /Mars/ })).toHaveAttribute('aria-checked', 'false');
    rerender(
      <ActivityAnswer
        activity={planets({
          status: 'closed',
          results_visible: true,
          options: [
            { id: 'j', label: 'Jupiter', correct: true },
            { id: 'm', label: 'Mars', correct: false },
            { id: 's', label: 'Saturn', correct: true },
            { id: 'v', label: 'Venus', correct: false },
          ],
        })}
        sessionId={SID}
        token="tok"
        participantId="p1"
        me={me({ score: 900, rank: 1, correct_answers: 1, answered_activity_ids: ['a-quiz'], quiz_results: [{ activity_id: 'a-quiz', correct: true, points: 900 }] })}
        onAnswered={() => undefined}
      />,
    );
    expect(screen.getByText('Correct!')).toBeInTheDocument();
    expect(screen.getAllByText('Right answer')).toHaveLength(2);
  });

  it('with choices: 2 hides picks that were never sent once time is up', async () => {
    const user = userEvent.setup();
    let now = Date.parse('2030-01-01T10:00:05Z');
    const { calls } = mockFetch({});
    const { rerender } = renderForm(planets(), { serverNow: () => now });
    await user.click(screen.getByRole('checkbox', { name: /Jupiter/ }));
    now = Date.parse('2030-01-01T10:00:40Z');
    rerender(
      <ActivityAnswer activity={planets({ status: 'closed' })} sessionId={SID} token="tok" participantId="p1" me={me()} onAnswered={() => undefined} serverNow={() => now} />,
    );
    expect(screen.getByText('Answers are closed. Wait for the reveal…')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: /Jupiter/ })).toHaveAttribute('aria-checked', 'false');
    expect(screen.queryByRole('button', { name: 'Submit' })).not.toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it('treats "already answered" (409) as locked in', async () => {
    const user = userEvent.setup();
    mockFetch({ [RESP('a-quiz')]: () => problem(409, [], 'you have already answered this question') });
    renderForm(quiz(), { serverNow: () => Date.parse('2030-01-01T10:00:05Z') });
    await user.click(screen.getByRole('radio', { name: /3/ }));
    expect(await screen.findByText('Locked in. Wait for the reveal…')).toBeInTheDocument();
  });
});

describe('word cloud', () => {
  it('takes up to N entries', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({ [RESP('a-word_cloud')]: () => json({ id: 'r', activity_id: 'a-word_cloud', status: 'created' }, { status: 201 }) });
    const wc = { ...base('word_cloud'), settings: { max_entries_per_participant: 2 } } as WordCloudActivity;
    renderForm(wc);
    await user.type(screen.getByLabelText('Your word'), 'curious');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('You can add 1 more.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Another word'), 'bold');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText(/You've sent all 2 words/)).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(calls.map((c) => c.body)).toEqual([{ text: 'curious' }, { text: 'bold' }]);
    expect(within(screen.getByRole('list', { name: 'Your words' })).getAllByRole('listitem')).toHaveLength(2);
  });
});

describe('open text', () => {
  it('keeps the typed answer through a failed submit and retries it', async () => {
    const user = userEvent.setup();
    let n = 0;
    const { calls } = mockFetch({
      [RESP('a-open_text')]: () => {
        n++;
        if (n === 1) throw new TypeError('Failed to fetch');
        if (n === 2) return problem(503, [], 'unavailable');
        return json({ id: 'r', activity_id: 'a-open_text', status: 'created' }, { status: 201 });
      },
    });
    renderForm(base('open_text') as OpenTextActivity);
    const box = screen.getByLabelText('Your answer');
    await user.type(box, 'More demo days');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText(/Sending again/)).toBeInTheDocument();
    expect(screen.getByLabelText('Your answer')).toHaveValue('More demo days');
    expect(await screen.findByText('Your answer is in', {}, { timeout: 8000 })).toBeInTheDocument();
    expect(calls).toHaveLength(3);
    expect(calls[2]?.body).toEqual({ text: 'More demo days' });
    expect(screen.getByText('More demo days')).toBeInTheDocument();
  }, 15_000);

  it('shows a text error by the field and keeps the text', async () => {
    const user = userEvent.setup();
    mockFetch({ [RESP('a-open_text')]: () => problem(422, [{ field: 'text', message: 'must be at most 500 characters' }]) });
    renderForm(base('open_text') as OpenTextActivity);
    await user.type(screen.getByLabelText('Your answer'), 'x');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('Text must be at most 500 characters')).toBeInTheDocument();
    expect(screen.getByLabelText('Your answer')).toHaveValue('x');
    expect(screen.getByLabelText('Your answer')).toHaveAttribute('aria-invalid', 'true');
  });

  it('renders answers as text, never as HTML', async () => {
    const user = userEvent.setup();
    mockFetch({ [RESP('a-open_text')]: () => json({ id: 'r', activity_id: 'a-open_text', status: 'created' }, { status: 201 }) });
    const { container } = renderForm(base('open_text') as OpenTextActivity);
    const evil = '<img src=x onerror="window.__pwned=1">';
    await user.type(screen.getByLabelText('Your answer'), evil.replace(/[{[]/g, '$&$&'));
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText(evil)).toBeInTheDocument();
    expect(container.querySelector('img')).toBeNull();
  });
});

describe('rating', () => {
  it('rates with stars and can change it', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({ [RESP('a-rating')]: () => json({ id: 'r', activity_id: 'a-rating', status: 'created' }, { status: 201 }) });
    renderForm({ ...base('rating'), settings: { min: 1, max: 5 } } as RatingActivity);
    await user.click(screen.getByRole('radio', { name: '4 out of 5' }));
    expect(await screen.findByText('You rated 4. Tap again to change it.')).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: '2 out of 5' }));
    expect(await screen.findByText('You rated 2. Tap again to change it.')).toBeInTheDocument();
    expect(calls.map((c) => c.body)).toEqual([{ value: 4 }, { value: 2 }]);
  });

  it('uses a slider for long scales', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({ [RESP('a-rating')]: () => json({ id: 'r', activity_id: 'a-rating', status: 'created' }, { status: 201 }) });
    renderForm({ ...base('rating'), settings: { min: 0, max: 100 } } as RatingActivity);
    const slider = screen.getByRole('slider', { name: /Your rating, from 0 to 100/ });
    act(() => {
      // jsdom has no pointer dragging for range inputs: set the value as the browser would.
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      setter.call(slider, '73');
      slider.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await user.click(screen.getByRole('button', { name: 'Send my rating' }));
    expect(await screen.findByText('You rated 73. Tap again to change it.')).toBeInTheDocument();
    expect(calls[0]?.body).toEqual({ value: 73 });
  });
});

describe('Q&A', () => {
  const qna = (questions: QnaActivity['questions'] = []): QnaActivity =>
    ({ ...base('qna'), settings: { moderation: false }, questions }) as QnaActivity;

  it('asks a question, marks mine, upvotes others', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({
      [`POST /api/v1/sessions/${SID}/activities/a-qna/questions`]: (req) =>
        json({ id: 'mine', text: (req.body as { text: string }).text, upvotes: 0, status: 'approved', pinned: false, created_at: '2030-01-01T10:01:00Z' }, { status: 201 }),
      [`POST /api/v1/sessions/${SID}/activities/a-qna/questions/other/upvote`]: () => json({ upvoted: true }),
      [`DELETE /api/v1/sessions/${SID}/activities/a-qna/questions/other/upvote`]: () => json({ upvoted: false }),
    });
    const questions = [
      { id: 'other', text: 'When is the next release?', upvotes: 3, status: 'approved' as const, pinned: false, created_at: '2030-01-01T10:00:30Z' },
      { id: 'old-mine', text: 'Is there a public roadmap?', upvotes: 1, status: 'approved' as const, pinned: false, created_at: '2030-01-01T10:00:10Z' },
    ];
    renderForm(qna(questions), { me: me({ question_ids: ['old-mine'] }) });

    const mineItem = screen.getByText('Is there a public roadmap?').closest('li')!;
    expect(within(mineItem).getByText('Your question')).toBeInTheDocument();
    expect(within(mineItem).queryByRole('button')).not.toBeInTheDocument(); // no upvoting your own

    const upvote = screen.getByRole('button', { name: 'Upvote, 3 votes' });
    expect(upvote).toHaveAttribute('aria-pressed', 'false');
    await user.click(upvote);
    expect(await screen.findByRole('button', { name: 'Remove upvote, 4 votes' })).toHaveAttribute('aria-pressed', 'true');
    await user.click(screen.getByRole('button', { name: 'Remove upvote, 4 votes' }));
    expect(await screen.findByRole('button', { name: 'Upvote, 3 votes' })).toBeInTheDocument();

    await user.type(screen.getByLabelText('Your question'), 'Can we get more coffee?');
    await user.click(screen.getByRole('button', { name: 'Ask' }));
    expect(await screen.findByText('Your question is in')).toBeInTheDocument();
    expect(screen.getByLabelText('Your question')).toHaveValue('');
    expect(calls.find((c) => c.path.endsWith('/questions'))?.body).toEqual({ text: 'Can we get more coffee?' });
  });

  it('says "Your question is in" for a few seconds, then lets it go', async () => {
    const user = userEvent.setup();
    mockFetch({
      [`POST /api/v1/sessions/${SID}/activities/a-qna/questions`]: () =>
        json({ id: 'q9', text: 'x', upvotes: 0, status: 'approved', pinned: false, created_at: '2030-01-01T10:01:00Z' }, { status: 201 }),
    });
    renderForm(qna());
    await user.type(screen.getByLabelText('Your question'), 'Short one');
    await user.click(screen.getByRole('button', { name: 'Ask' }));
    const notice = await screen.findByText('Your question is in');
    const asked = Date.now();
    await waitFor(() => expect(notice).not.toBeInTheDocument(), { timeout: 7000 });
    expect(Date.now() - asked).toBeGreaterThan(3000); // long enough to read
  }, 10_000);

  it('tells me when my question waits for moderation', async () => {
    const user = userEvent.setup();
    mockFetch({
      [`POST /api/v1/sessions/${SID}/activities/a-qna/questions`]: () =>
        json({ id: 'q9', text: 'x', upvotes: 0, status: 'pending', pinned: false, created_at: '2030-01-01T10:01:00Z' }, { status: 201 }),
    });
    renderForm({ ...qna(), settings: { moderation: true } } as QnaActivity);
    await user.type(screen.getByLabelText('Your question'), 'Pending one');
    await user.click(screen.getByRole('button', { name: 'Ask' }));
    expect(await screen.findByText('The host will review it before it appears.')).toBeInTheDocument();
  });

  it('shows a text error by the field', async () => {
    const user = userEvent.setup();
    mockFetch({
      [`POST /api/v1/sessions/${SID}/activities/a-qna/questions`]: () => problem(422, [{ field: 'text', message: 'must be at most 300 characters' }]),
    });
    renderForm(qna());
    await user.type(screen.getByLabelText('Your question'), 'Too long');
    await user.click(screen.getByRole('button', { name: 'Ask' }));
    expect(await screen.findByText('Text must be at most 300 characters')).toBeInTheDocument();
  });
});

describe('activity states', () => {
  it('shows a get-ready screen for a current draft and a closed screen after', () => {
    mockFetch({});
    const { rerender } = renderForm({ ...poll(), status: 'draft' });
    expect(screen.getByText('Get ready…')).toBeInTheDocument();
    rerender(
      <ActivityAnswer activity={{ ...poll(), status: 'closed' }} sessionId={SID} token="tok" participantId="p1" me={me({ answered_activity_ids: ['a-poll'] })} onAnswered={() => undefined} />,
    );
    expect(screen.getByText('Answers are closed')).toBeInTheDocument();
    expect(screen.getByText(/your answer counted/)).toBeInTheDocument();
  });
});
