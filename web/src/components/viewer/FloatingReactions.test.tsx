import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FloatingReactions, ReactionTotals } from './FloatingReactions';

describe('FloatingReactions', () => {
  it('floats what the totals grew by, not the baseline', () => {
    const { rerender } = render(<FloatingReactions activityId="a1" reactions={{ '👍': 10 }} />);
    const layer = screen.getByTestId('floating-reactions');
    expect(layer.children).toHaveLength(0);
    act(() => rerender(<FloatingReactions activityId="a1" reactions={{ '👍': 13, '❤️': 1 }} />));
    expect(layer.children).toHaveLength(4);
    expect(layer.textContent).toBe('👍👍👍❤️');
  });

  it('shows totals', () => {
    render(<ReactionTotals reactions={{ '👍': 5, '😂': 0 }} />);
    expect(screen.getByLabelText('Reactions')).toHaveTextContent('👍 5');
    expect(screen.getByLabelText('Reactions')).not.toHaveTextContent('😂');
  });
});
