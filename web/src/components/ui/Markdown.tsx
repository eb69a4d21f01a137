import ReactMarkdown, { defaultUrlTransform, type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

/** Images that may show inside Markdown: the ones uploaded here (the CSP allows no other host). */
const OWN_IMAGE = /^\/api\/v1\/images\/[A-Za-z0-9_-]+$/;

/** Links and images: react-markdown's safe protocols; images only from this server. */
function urlTransform(url: string, key: string): string {
  if (key === 'src') return OWN_IMAGE.test(url) ? url : '';
  return defaultUrlTransform(url);
}

const components: Components = {
  h1: (p) => <h2 className="text-[1.5em] font-extrabold leading-tight" {...strip(p)} />,
  h2: (p) => <h3 className="text-[1.3em] font-extrabold leading-tight" {...strip(p)} />,
  h3: (p) => <h4 className="text-[1.15em] font-bold leading-snug" {...strip(p)} />,
  h4: (p) => <h5 className="font-bold" {...strip(p)} />,
  h5: (p) => <h6 className="font-bold" {...strip(p)} />,
  h6: (p) => <p className="font-bold" {...strip(p)} />,
  ul: (p) => <ul className="list-disc ps-[1.4em]" {...strip(p)} />,
  ol: (p) => <ol className="list-decimal ps-[1.4em]" {...strip(p)} />,
  // Every link opens in a new tab, without handing this page to it.
  a: ({ node: _n, target: _t, rel: _r, ...p }) => (
    <a className="font-semibold underline decoration-2 underline-offset-2" {...p} target="_blank" rel="noopener noreferrer" />
  ),
  code: (p) => <code className="rounded bg-black/10 px-1 font-mono text-[0.9em]" {...strip(p)} />,
  pre: (p) => <pre className="overflow-x-auto rounded-lg bg-black/10 p-3" {...strip(p)} />,
  blockquote: (p) => <blockquote className="border-s-4 border-current/30 ps-3 italic" {...strip(p)} />,
  table: (p) => (
    <div className="overflow-x-auto">
      <table className="border-collapse" {...strip(p)} />
    </div>
  ),
  th: (p) => <th className="border border-current/25 px-2 py-1 text-start" {...strip(p)} />,
  td: (p) => <td className="border border-current/25 px-2 py-1" {...strip(p)} />,
  // An image whose address was dropped (another host) shows its alt text.
  img: ({ node: _n, src, alt, ...p }) =>
    src ? <img src={src} alt={alt ?? ''} className="max-h-[60vh] max-w-full rounded-lg object-contain" {...p} /> : <span>{alt}</span>,
};

function strip<T extends { node?: unknown }>(p: T): Omit<T, 'node'> {
  const { node: _n, ...rest } = p;
  return rest;
}

/**
 * Markdown (GitHub flavour) as React elements. Raw HTML in the text is never
 * rendered (react-markdown without rehype-raw, and skipHtml drops it), unsafe
 * link protocols are removed, and every link opens in a new tab with
 * rel="noopener noreferrer".
 */
export function Markdown({ text, className = '' }: { text: string; className?: string }) {
  return (
    <div className={`caja-markdown flex flex-col gap-[0.6em] break-anywhere ${className}`}>
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        components={components}
        urlTransform={urlTransform}
        skipHtml
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}
