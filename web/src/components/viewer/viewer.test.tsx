import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ChoiceBars, fitChoiceFont } from './ChoiceBars';
import { RecentParticipants } from './RecentParticipants';
import { ActivityResults, responseCount, resultsWithheld } from './ActivityResults';
import type { Activity } from '../../types/activity';

describe('ChoiceBars', () => {
  it('scales each bar to the number of responses, not to the leading option', () => {
    render(
      <ChoiceBars
        tone="light"
        results={{
          total_responses: 100,
          options: [
            { id: 'a', label: 'Lisbon', count: 29 },
            { id: 'b', label: 'Kyoto', count: 21 },
            { id: 'c', label: 'Lima', count: 0 },
          ],
        }}
      />,
    );
    const widths = screen.getAllByTestId('choice-fill').map((el) => el.style.width);
    expect(widths).toEqual(['29%', '21%', '0%']);
    expect(screen.getAllByTestId('choice-row')[0]).toHaveTextContent('29 · 29%');
  });

  it('shows the options\' images beside their bars on the display', () => {
    const poll = {
      id: 'p', type: 'poll', title: 'Which?', status: 'open', position: 0, results_visible: true, settings: {}, opened_at: null,
      options: [{ id: 'a', label: 'Cat', image_id: 'f'.repeat(64) }, { id: 'b', label: 'Dog' }],
      results: { total_responses: 2, options: [{ id: 'a', label: 'Cat', count: 1 }, { id: 'b', label: 'Dog', count: 1 }] },
    } as unknown as Activity;
    render(<ActivityResults activity={poll} tone="dark" />);
    const images = screen.getAllByTestId('choice-image');
    expect(images).toHaveLength(1);
    expect(images[0]).toHaveAttribute('src', `/api/v1/images/${'f'.repeat(64)}`);
    expect(within(screen.getAllByTestId('choice-row')[0]!).getByTestId('choice-image')).toBeInTheDocument();
  });

  it('shows whole labels, never cut with an ellipsis', () => {
    const long = 'An option label that goes on and on, as organizers sometimes write them, up to one hundred and twenty chars!!';
    render(<ChoiceBars results={{ total_responses: 1, options: [{ id: 'a', label: long, count: 1 }] }} />);
    expect(screen.getByTestId('choice-label')).toHaveTextContent(long);
    expect(screen.getByTestId('choice-label').className).not.toMatch(/truncate/);
    expect(screen.getByRole('img')).toHaveAttribute('aria-label', `${long}: 1`);
  });

  it('shrinks the text until six long options fit the projector', () => {
    const fs = fitChoiceFont(40, 1500, 600, 6, 120);
    expect(fs).toBeLessThan(40);
    expect(fs).toBeGreaterThanOrEqual(12);
    expect(fitChoiceFont(30, 1500, 900, 3, 10)).toBe(30);
  });
});

describe('RecentParticipants', () => {
  it('lists the names newest first and "+ N more" for the rest', () => {
    render(
      <RecentParticipants
        total={5}
        participants={[
          { id: '3', nickname: '<b>Chidi</b>', joined_at: '2030-01-01T10:00:03Z' },
          { id: '2', nickname: 'Ben', joined_at: '2030-01-01T10:00:02Z' },
        ]}
      />,
    );
    const items = within(screen.getByTestId('recent-participants')).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual(['<b>Chidi</b>', 'Ben', '+ 3 more']);
  });

  it('shows nothing for an older server (no recent_participants)', () => {
    const { container } = render(<RecentParticipants total={5} participants={undefined} />);
    expect(container).toBeEmptyDOMElement();
  });
});

describe('results withheld until the reveal', () => {
  it('shows no counts when the server sent only the response count', () => {
    const activity = {
      id: 'p1',
      type: 'poll',
      title: 'Which?',
      status: 'open',
      position: 0,
      results_visible: false,
      options: [{ id: 'o1', label: 'Red' }],
      settings: { multiple: false, max_choices: null, results: 'on_reveal' },
      opened_at: null,
      results: { total_responses: 3 },
    } as unknown as Activity;
    expect(resultsWithheld(activity)).toBe(true);
    render(<ActivityResults activity={activity} />);
    expect(screen.getByTestId('results-withheld')).toBeInTheDocument();
    expect(responseCount(activity)).toBe(3);
  });
});
