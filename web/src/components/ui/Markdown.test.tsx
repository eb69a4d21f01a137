import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Markdown } from './Markdown';

describe('Markdown', () => {
  it('renders Markdown as elements and never markup from the text', () => {
    const { container } = render(
      <Markdown text={'# Intro\nSay **hello** and *wave*\n\n- one\n- `two`\n\n<img src=x onerror=alert(1)>\n\n<script>window.__pwned=1</script>'} />,
    );
    expect(screen.getByText('hello').tagName).toBe('STRONG');
    expect(screen.getByText('wave').tagName).toBe('EM');
    expect(screen.getByText('two').tagName).toBe('CODE');
    expect(container.querySelectorAll('li')).toHaveLength(2);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('[onerror]')).toBeNull();
    expect(container.innerHTML).not.toContain('onerror');
  });

  it('drops inline HTML inside a paragraph too', () => {
    const { container } = render(<Markdown text={'Before <b onmouseover="x()">bold</b> <iframe src="https://evil.test"></iframe> after'} />);
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelector('iframe')).toBeNull();
    expect(container.textContent).toContain('Before');
    expect(container.textContent).toContain('after');
  });

  it('opens every link in a new tab with rel="noopener noreferrer"', () => {
    render(<Markdown text={'See [the docs](https://example.com/docs), [home](/join) and https://example.org'} />);
    const links = screen.getAllByRole('link');
    expect(links).toHaveLength(3);
    for (const a of links) {
      expect(a).toHaveAttribute('target', '_blank');
      expect(a).toHaveAttribute('rel', 'noopener noreferrer');
    }
    expect(screen.getByRole('link', { name: 'the docs' })).toHaveAttribute('href', 'https://example.com/docs');
  });

  it('removes javascript: links and images from other hosts', () => {
    const { container } = render(<Markdown text={'[click](javascript:alert(1)) ![tracker](https://evil.test/x.png) ![ours](/api/v1/images/abc123)'} />);
    expect(container.innerHTML).not.toContain('javascript:');
    expect(container.innerHTML).not.toContain('evil.test');
    expect(screen.getByText('tracker')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'ours' })).toHaveAttribute('src', '/api/v1/images/abc123');
  });

  it('renders GitHub tables and strikethrough', () => {
    const { container } = render(<Markdown text={'| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~'} />);
    expect(container.querySelector('table')).not.toBeNull();
    expect(container.querySelector('del')?.textContent).toBe('old');
  });
});
