import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Activity } from '../../types/activity';
import { EntryModeration } from './EntryModeration';

describe('EntryModeration', () => {
  it('hides a visible word and shows a hidden answer', async () => {
    const user = userEvent.setup();
    const onHide = vi.fn();
    const cloud = {
      id: 'w1', type: 'word_cloud', title: 'Say', status: 'open', position: 0, results_visible: false, options: [],
      settings: { max_entries_per_participant: 3 }, opened_at: null,
      results: { total_responses: 3, words: [{ text: 'rude', count: 2, id: 'e1', hidden: false }, { text: 'nice', count: 1, id: 'e2', hidden: true }] },
    } as Activity;
    render(<EntryModeration activity={cloud} busy={false} onHide={onHide} />);
    await user.click(screen.getByText(/Moderate entries/));
    await user.click(screen.getByRole('button', { name: 'Hide rude' }));
    expect(onHide).toHaveBeenCalledWith('e1', true);
    await user.click(screen.getByRole('button', { name: 'Show nice' }));
    expect(onHide).toHaveBeenCalledWith('e2', false);
  });
});
