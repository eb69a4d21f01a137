import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../services/api';
import { json, mockFetch, problem } from '../../test/fetchMock';
import type { Activity, ActivityInput, ActivityType } from '../../types/activity';
import { ActivityEditor } from './ActivityEditor';
import { CreateSessionForm } from './CreateSessionForm';
import { SessionDetailsForm } from './SessionDetailsForm';
import { reorder } from './ActivityList';
import type { Session } from '../../types/session';

function apiError(status: number, errors: { field: string; message: string }[], detail = 'validation failed') {
  return new ApiError(status, { type: 'urn:caja:problem:validation', title: 'Unprocessable Entity', status, detail, errors });
}

/** The error text attached to a control through aria-describedby. */
function describedError(el: HTMLElement): string {
  const ids = (el.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

describe('ActivityEditor', () => {
  it('creates a poll with its options', async () => {
    const user = userEvent.setup();
    const onCreate = vi.fn(async (_: ActivityInput) => undefined);
    const onDone = vi.fn();
    render(<ActivityEditor onCreate={onCreate} onDone={onDone} />);
    await user.type(screen.getByLabelText('Question', { selector: 'input' }), 'Lunch?');
    await user.type(screen.getByLabelText('Option 1'), 'Pizza');
    await user.type(screen.getByLabelText('Option 2'), 'Sushi');
    await user.click(screen.getByRole('button', { name: '+ Add option' }));
    await user.type(screen.getByLabelText('Option 3'), 'Tacos');
    await user.click(screen.getByLabelText('Allow several choices'));
    await user.type(screen.getByLabelText('Maximum choices'), '2');
    await user.click(screen.getByRole('button', { name: 'Add activity' }));
    expect(onCreate).toHaveBeenCalledWith({
      type: 'poll',
      title: 'Lunch?',
      options: [{ label: 'Pizza' }, { label: 'Sushi' }, { label: 'Tacos' }],
      settings: { multiple: true, max_choices: 2 },
    });
    expect(onDone).toHaveBeenCalled();
  });

  it.each<[ActivityType, string, Record<string, unknown>]>([
    ['quiz', 'Quiz', { time_limit_s: 20, points: 1000 }],
    ['word_cloud', 'Word cloud', { max_entries_per_participant: 3 }],
    ['open_text', 'Open text', {}],
    ['rating', 'Rating', { min: 1, max: 5 }],
    ['qna', 'Q&A', { moderation: false }],
  ])('creates a %s with its default settings', async (type, label, settings) => {
    const user = userEvent.setup();
    const onCreate = vi.fn(async (_: ActivityInput) => undefined);
    render(<ActivityEditor onCreate={onCreate} onDone={() => undefined} />);
    await user.click(screen.getByRole('radio', { name: new RegExp(`^${label.replace('&', '&')}`) }));
    await user.type(screen.getByRole('textbox', { name: type === 'qna' ? 'Title' : 'Question' }), 'Something');
    if (type === 'quiz') {
      await user.type(screen.getByLabelText('Option 1'), 'Right');
      await user.type(screen.getByLabelText('Option 2'), 'Wrong');
      await user.click(screen.getByRole('checkbox', { name: 'Option 1 is right' }));
    }
    await user.click(screen.getByRole('button', { name: 'Add activity' }));
    const input = onCreate.mock.calls[0]![0];
    expect(input.type).toBe(type);
    expect(input.settings).toEqual(settings);
    if (type === 'quiz') {
      expect(input.options).toEqual([
        { label: 'Right', correct: true },
        { label: 'Wrong', correct: false },
      ]);
    } else {
      expect(input.options).toBeUndefined();
    }
  });

  it('marks several options right on a quiz', async () => {
    const user = userEvent.setup();
    const onCreate = vi.fn(async (_: ActivityInput) => undefined);
    render(<ActivityEditor onCreate={onCreate} onDone={() => undefined} />);
    await user.click(screen.getByRole('radio', { name: /^Quiz/ }));
    await user.type(screen.getByRole('textbox', { name: 'Question' }), 'Which are gas giants?');
    await user.type(screen.getByLabelText('Option 1'), 'Jupiter');
    await user.type(screen.getByLabelText('Option 2'), 'Mars');
    await user.click(screen.getByRole('button', { name: '+ Add option' }));
    await user.type(screen.getByLabelText('Option 3'), 'Saturn');
    await user.click(screen.getByRole('checkbox', { name: 'Option 1 is right' }));
    await user.click(screen.getByRole('checkbox', { name: 'Option 3 is right' }));
    expect(screen.getByRole('checkbox', { name: 'Option 1 is right' })).toBeChecked();
    expect(screen.getByText(/phones ask for 2 answers/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add activity' }));
    expect(onCreate.mock.calls[0]![0].options).toEqual([
      { label: 'Jupiter', correct: true },
      { label: 'Mars', correct: false },
      { label: 'Saturn', correct: true },
    ]);
  });

  it('shows problem+json errors next to the fields they name', async () => {
    const user = userEvent.setup();
    const onCreate = vi.fn(async () => {
      throw apiError(422, [
        { field: 'title', message: 'is required' },
        { field: 'options[1].label', message: 'is required' },
        { field: 'settings.time_limit_s', message: 'must be between 5 and 300 seconds' },
        { field: 'options', message: 'a quiz needs at least one option marked correct' },
      ]);
    });
    const onDone = vi.fn();
    render(<ActivityEditor onCreate={onCreate} onDone={onDone} />);
    await user.click(screen.getByRole('radio', { name: /^Quiz/ }));
    await user.type(screen.getByLabelText('Option 1'), 'Only one');
    const limit = screen.getByLabelText('Time limit (seconds)');
    await user.clear(limit);
    await user.type(limit, '1');
    await user.click(screen.getByRole('button', { name: 'Add activity' }));

    const title = screen.getByRole('textbox', { name: 'Question' });
    await waitFor(() => expect(title).toHaveAttribute('aria-invalid', 'true'));
    expect(describedError(title)).toBe('Title is required');
    const option2 = screen.getByLabelText('Option 2');
    expect(option2).toHaveAttribute('aria-invalid', 'true');
    expect(describedError(option2)).toBe('Option is required');
    expect(screen.getByLabelText('Option 1')).not.toHaveAttribute('aria-invalid');
    expect(describedError(screen.getByLabelText('Time limit (seconds)'))).toBe('Time limit must be between 5 and 300 seconds');
    expect(screen.getByText('A quiz needs at least one option marked correct')).toBeInTheDocument();
    expect(onDone).not.toHaveBeenCalled();
    // What was typed stays.
    expect(screen.getByLabelText('Option 1')).toHaveValue('Only one');
  });

  it('sends a non-number as typed, so the server names the field', async () => {
    const user = userEvent.setup();
    const onCreate = vi.fn(async (_: ActivityInput) => undefined);
    render(<ActivityEditor onCreate={onCreate} onDone={() => undefined} />);
    await user.click(screen.getByRole('radio', { name: /^Rating/ }));
    await user.type(screen.getByRole('textbox', { name: 'Question' }), 'How was it?');
    await user.clear(screen.getByLabelText('Highest value'));
    await user.type(screen.getByLabelText('Highest value'), 'ten');
    await user.click(screen.getByRole('button', { name: 'Add activity' }));
    expect(onCreate.mock.calls[0]![0].settings).toEqual({ min: 1, max: 'ten' });
  });

  it('shows an error without a field as a general message', async () => {
    const user = userEvent.setup();
    const onCreate = vi.fn(async () => {
      throw new ApiError(409, { status: 409, title: 'Conflict', detail: 'this session has ended' });
    });
    render(<ActivityEditor onCreate={onCreate} onDone={() => undefined} />);
    await user.type(screen.getByRole('textbox', { name: 'Question' }), 'Late');
    await user.click(screen.getByRole('button', { name: 'Add activity' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This session has ended');
  });

  it('edits an open activity: options are locked and not sent', async () => {
    const user = userEvent.setup();
    const onUpdate = vi.fn(async () => undefined);
    const activity: Activity = {
      id: 'a1',
      type: 'quiz',
      title: 'Capital of Peru?',
      status: 'open',
      position: 0,
      results_visible: false,
      options: [
        { id: 'o1', label: 'Lima', correct: true },
        { id: 'o2', label: 'Cusco', correct: false },
      ],
      settings: { time_limit_s: 30, points: 500 },
      opened_at: '2030-01-01T10:00:00Z',
    };
    render(<ActivityEditor activity={activity} onUpdate={onUpdate} onDone={() => undefined} />);
    expect(screen.queryByRole('radio')).not.toBeInTheDocument(); // the type is fixed
    expect(screen.getByLabelText('Option 1')).toBeDisabled();
    expect(screen.getByLabelText('Time limit (seconds)')).toHaveValue('30');
    const title = screen.getByRole('textbox', { name: 'Question' });
    await user.clear(title);
    await user.type(title, 'Capital city of Peru?');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(onUpdate).toHaveBeenCalledWith({ title: 'Capital city of Peru?', settings: { time_limit_s: 30, points: 500 } });
  });
});

describe('CreateSessionForm', () => {
  it('creates a session', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({
      'POST /api/v1/sessions': (req) => json({ id: 's1', ...(req.body as object), admin_token: 't', display_key: 'k' }, { status: 201 }),
    });
    const onCreated = vi.fn();
    render(<CreateSessionForm onCreated={onCreated} />);
    await user.type(screen.getByLabelText('Session name'), 'Town hall');
    await user.type(screen.getByLabelText('Your name'), 'Marta');
    await user.click(screen.getByRole('button', { name: 'Create session' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    // The display starts in the organizer's language (the tests run in English).
    expect(calls[0]?.body).toEqual({ name: 'Town hall', admin_id: 'Marta', settings: { language: 'en' } });
  });

  it('shows name and admin_id errors next to their fields', async () => {
    const user = userEvent.setup();
    mockFetch({
      'POST /api/v1/sessions': () =>
        problem(422, [
          { field: 'name', message: 'is required' },
          { field: 'admin_id', message: 'is required' },
        ]),
    });
    render(<CreateSessionForm onCreated={() => undefined} />);
    await user.click(screen.getByRole('button', { name: 'Create session' }));
    await waitFor(() => expect(screen.getByLabelText('Session name')).toHaveAttribute('aria-invalid', 'true'));
    expect(describedError(screen.getByLabelText('Session name'))).toBe('Name is required');
    expect(describedError(screen.getByLabelText('Your name'))).toBe('Your name is required');
  });

  it('shows a rate limit as a general message', async () => {
    const user = userEvent.setup();
    mockFetch({ 'POST /api/v1/sessions': () => problem(429, [], 'too many requests') });
    render(<CreateSessionForm onCreated={() => undefined} />);
    await user.click(screen.getByRole('button', { name: 'Create session' }));
    expect(await screen.findByText(/Too many tries at once/)).toBeInTheDocument();
  });
});

describe('SessionDetailsForm', () => {
  it('saves name and description and shows field errors', async () => {
    const user = userEvent.setup();
    const session = { id: 's1', name: 'Old', description: null } as unknown as Session;
    const onSave = vi
      .fn()
      .mockRejectedValueOnce(apiError(422, [{ field: 'description', message: 'must be at most 1000 characters' }]))
      .mockResolvedValueOnce(undefined);
    const onDone = vi.fn();
    render(<SessionDetailsForm session={session} onSave={onSave} onDone={onDone} />);
    await user.clear(screen.getByLabelText('Session name'));
    await user.type(screen.getByLabelText('Session name'), 'New name');
    await user.type(screen.getByLabelText('Description'), 'Long');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Description must be at most 1000 characters')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(onSave).toHaveBeenLastCalledWith({ name: 'New name', description: 'Long' });
  });
});

describe('reorder', () => {
  const act = (id: string, position: number) => ({ id, position }) as Activity;
  it('swaps neighbours and renumbers only what changed', () => {
    expect(reorder([act('a', 0), act('b', 1), act('c', 2)], 'c', -1)).toEqual([
      { id: 'c', position: 1 },
      { id: 'b', position: 2 },
    ]);
  });
  it('renumbers ties', () => {
    expect(reorder([act('a', 0), act('b', 0), act('c', 0)], 'a', 1)).toEqual([
      { id: 'a', position: 1 },
      { id: 'c', position: 2 },
    ]);
  });
  it('does nothing at the ends', () => {
    expect(reorder([act('a', 0), act('b', 1)], 'a', -1)).toEqual([]);
  });

  it('edits speaker notes and sends them only when changed', async () => {
    const user = userEvent.setup();
    const onUpdate = vi.fn(async () => undefined);
    const activity: Activity = {
      id: 'a2',
      type: 'qna',
      title: 'Questions',
      status: 'draft',
      position: 0,
      results_visible: false,
      options: [],
      settings: { moderation: false },
      opened_at: null,
      notes: 'Old note',
    };
    render(<ActivityEditor activity={activity} onUpdate={onUpdate} onDone={() => undefined} />);
    const notes = screen.getByRole('textbox', { name: 'Speaker notes' });
    expect(notes).toHaveValue('Old note');
    await user.clear(notes);
    await user.type(notes, 'Thank **everyone**');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(onUpdate).toHaveBeenCalledWith({ title: 'Questions', settings: { moderation: false }, notes: 'Thank **everyone**' });
  });
});
