import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Activity } from '../../types/activity';
import type { Session } from '../../types/session';
import { EntryModeration } from './EntryModeration';
import { SessionDetailsForm, wordList } from './SessionDetailsForm';

const openText = {
  id: 't1', type: 'open_text', title: 'Say it', status: 'open', position: 0, results_visible: true, options: [], settings: {}, opened_at: null,
  results: {
    total_responses: 3,
    answers: [
      { id: 'e1', text: 'Sh1t happens', created_at: '2030-01-01T10:00:00Z', hidden: false, held: true, flagged: true },
      { id: 'e2', text: 'Scunthorpe', created_at: '2030-01-01T10:00:00Z', hidden: false, held: false },
      { id: 'e3', text: 'gone', created_at: '2030-01-01T10:00:00Z', hidden: true, held: false },
    ],
  },
} as unknown as Activity;

describe('held entries', () => {
  it('queues held entries with Approve and Hide, apart from the others', async () => {
    const user = userEvent.setup();
    const onHide = vi.fn();
    render(<EntryModeration activity={openText} busy={false} onHide={onHide} />);
    const queue = screen.getByRole('region', { name: 'Waiting for approval' });
    expect(queue).toHaveTextContent('1 waiting for approval');
    expect(within(queue).getByText('Sh1t happens')).toBeInTheDocument();
    expect(within(queue).getByText('Listed word')).toBeInTheDocument();
    expect(within(queue).queryByText('Scunthorpe')).toBeNull();
    await user.click(within(queue).getByRole('button', { name: 'Approve Sh1t happens' }));
    expect(onHide).toHaveBeenLastCalledWith('e1', false);
    await user.click(within(queue).getByRole('button', { name: 'Hide Sh1t happens' }));
    expect(onHide).toHaveBeenLastCalledWith('e1', true);
    await user.click(screen.getByRole('button', { name: 'Show gone' }));
    expect(onHide).toHaveBeenLastCalledWith('e3', false);
  });
});

describe('session details: profanity filter', () => {
  const session = {
    id: 's', name: 'N', description: null, status: 'active', admin_id: 'a', join_code: '1', join_url: 'u', qr_code_url: 'q', current_activity_id: null,
    show_join_info: false, created_at: '', updated_at: '', reactions: [], settings: { profanity_filter: 'hold', profanity_words: ['brocoli'] },
  } as unknown as Session;

  it('sends only the settings that changed', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn(async () => undefined);
    render(<SessionDetailsForm session={session} onSave={onSave} onDone={() => undefined} />);
    expect(screen.getByLabelText('Your own words')).toHaveValue('brocoli');
    await user.click(screen.getByRole('radio', { name: 'Hide them' }));
    await user.type(screen.getByLabelText('Your own words'), '\nzut, mince');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSave).toHaveBeenCalledWith({ name: 'N', description: '', settings: { profanity_filter: 'hide', profanity_words: ['brocoli', 'zut', 'mince'] } });
  });

  it('wordList splits lines and commas', () => {
    expect(wordList(' a ,b\n\n c d ')).toEqual(['a', 'b', 'c d']);
  });
});
