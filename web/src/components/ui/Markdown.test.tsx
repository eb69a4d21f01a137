import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Markdown } from './Markdown';

describe('Markdown', () => {
  it('renders the subset as elements and never markup from the text', () => {
    const { container } = render(<Markdown text={'# Intro\nSay **hello** and *wave*\n\n- one\n- `two`\n\n<img src=x onerror=alert(1)>'} />);
    expect(screen.getByText('hello').tagName).toBe('STRONG');
    expect(screen.getByText('wave').tagName).toBe('EM');
    expect(screen.getByText('two').tagName).toBe('CODE');
    expect(container.querySelectorAll('li')).toHaveLength(2);
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});
