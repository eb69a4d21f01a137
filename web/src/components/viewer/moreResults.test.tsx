import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Activity } from '../../types/activity';
import { ActivityResults, resultsWithheld } from './ActivityResults';
import { formatNumber } from './NumericView';

function activity(type: Activity['type'], extra: Record<string, unknown>): Activity {
  return {
    id: `a-${type}`,
    type,
    title: `The ${type}`,
    status: 'open',
    position: 0,
    results_visible: false,
    options: [],
    settings: {},
    opened_at: null,
    ...extra,
  } as Activity;
}

describe('ActivityResults of the newer types', () => {
  it('ranking: bars by points, best first, with the average rank', () => {
    const a = activity('ranking', {
      results: {
        total_responses: 4,
        options: [
          { id: 'b', label: 'Beach', points: 3, average_rank: 2.25 },
          { id: 'm', label: 'Mountains', points: 7, average_rank: 1.25 },
          { id: 'c', label: 'City', points: 2, average_rank: 2.5 },
        ],
      },
    });
    render(<ActivityResults activity={a} tone="dark" />);
    const rows = screen.getAllByTestId('value-row');
    expect(rows.map((r) => r.textContent)).toEqual([
      '1.Mountains7 pts · average rank 1.3',
      '2.Beach3 pts · average rank 2.3',
      '3.City2 pts · average rank 2.5',
    ]);
    const fills = screen.getAllByTestId('value-fill').map((f) => f.style.width);
    expect(fills).toEqual(['100%', '42.9%', '28.6%']);
    expect(screen.getByRole('img')).toHaveAttribute('aria-label', expect.stringContaining('Mountains: 7 pts'));
  });

  it('100 points: bars by points with the average per participant', () => {
    const a = activity('points', {
      settings: { total: 100 },
      results: {
        total_responses: 2,
        options: [
          { id: 'x', label: 'Tests', points: 60, average: 30 },
          { id: 'y', label: 'Docs', points: 140, average: 70 },
        ],
      },
    });
    render(<ActivityResults activity={a} tone="light" />);
    const rows = screen.getAllByTestId('value-row');
    expect(rows[0]).toHaveTextContent('Docs');
    expect(rows[0]).toHaveTextContent('140 pts · avg 70.0');
    expect(rows[1]).toHaveTextContent('60 pts · avg 30.0');
  });

  it('scales: one row per statement with its average and a column per value', () => {
    const a = activity('scales', {
      settings: { min: 1, max: 5, min_label: 'Disagree', max_label: 'Agree' },
      results: {
        total_responses: 3,
        options: [
          { id: 's1', label: 'Clear', average: 4, count: 3, distribution: [1, 2, 3, 4, 5].map((v) => ({ value: v, count: v === 4 ? 3 : 0 })) },
          { id: 's2', label: 'Useful', average: null, count: 0, distribution: [] },
        ],
      },
    });
    render(<ActivityResults activity={a} tone="dark" />);
    const rows = screen.getAllByTestId('scale-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Clear');
    expect(rows[0]).toHaveTextContent('4.0');
    expect(within(rows[0]!).getAllByTestId('scale-column')).toHaveLength(5);
    expect(within(rows[0]!).getAllByTestId('scale-column')[3]!.style.height).toBe('100%');
    // The average 4 sits at the centre of the fourth of five columns, from the start side (the right in RTL).
    expect(within(rows[0]!).getByTestId('scale-average').getAttribute('style')).toMatch(/inset-inline-start: 70%/);
    expect(within(rows[1]!).queryByTestId('scale-average')).toBeNull();
    expect(screen.getByText(/Disagree/)).toBeInTheDocument();
    expect(screen.getByRole('img')).toHaveAttribute('aria-label', 'Clear: average 4.0 from 3, Useful: no ratings yet');
  });

  it('numeric: mean, median, min, max and the histogram; the right value only when the view carries it', () => {
    const histogram = Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i * 10 + 10, count: i === 4 ? 2 : i === 9 ? 1 : 0 }));
    const results = { count: 3, mean: 50, median: 45, min: 42, max: 100, histogram };
    const hidden = activity('numeric', { settings: { min: 0, max: 100, unit: 'km' }, results });
    const { unmount } = render(<ActivityResults activity={hidden} tone="dark" />);
    const stats = screen.getAllByTestId('numeric-stat').map((s) => s.textContent);
    expect(stats).toEqual(['Mean50 km', 'Median45 km', 'Lowest42 km', 'Highest100 km']);
    expect(screen.getByTestId('numeric-histogram')).toHaveAttribute('aria-label', expect.stringContaining('40 to 50: 2'));
    expect(screen.queryByText('Right answer')).toBeNull();
    unmount();
    const revealed = activity('numeric', { results_visible: true, settings: { min: 0, max: 100, unit: 'km', correct: { value: 44, tolerance: 2 } }, results });
    render(<ActivityResults activity={revealed} tone="dark" />);
    expect(screen.getAllByTestId('numeric-stat')[0]).toHaveTextContent('Right answer44 km ± 2');
  });

  it('numeric with results withheld until the reveal shows only that', () => {
    const a = activity('numeric', { settings: { min: 0, max: 10, results: 'on_reveal' }, results: { total_responses: 4 } });
    expect(resultsWithheld(a)).toBe(true);
    render(<ActivityResults activity={a} tone="dark" />);
    expect(screen.getByTestId('results-withheld')).toBeInTheDocument();
  });

  it('content: the Markdown large and the image, no raw HTML', () => {
    const a = activity('content', { title: 'Break', image_id: 'pic1', body: '# Coffee\n\nBack at **11:00** <img src=x onerror=alert(1)> [map](https://maps.example)' });
    const { container } = render(<ActivityResults activity={a} tone="dark" />);
    expect(resultsWithheld(a)).toBe(false);
    expect(screen.getByRole('heading', { name: 'Coffee' })).toBeInTheDocument();
    expect(screen.getByText('11:00').tagName).toBe('STRONG');
    expect(screen.getByRole('img', { name: 'Break' })).toHaveAttribute('src', '/api/v1/images/pic1');
    expect(container.querySelectorAll('img')).toHaveLength(1);
    expect(container.querySelector('[onerror]')).toBeNull();
    expect(screen.getByRole('link', { name: 'map' })).toHaveAttribute('rel', 'noopener noreferrer');
  });
});

describe('formatNumber', () => {
  it('formats figures with their unit', () => {
    expect(formatNumber(null)).toBe('–');
    expect(formatNumber(3.14159, 'm')).toBe('3.14 m');
    expect(formatNumber(1234.56)).toBe('1,234.6');
  });
});
