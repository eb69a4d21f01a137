import { t } from '../../i18n';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Wordcloud } from '@visx/wordcloud';
import type { WordCloudResults } from '../../types/activity';
import { useElementSize } from '../../hooks/useElementSize';
import { colorAt, type Tone } from './palette';

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}]/u;

/**
 * A word's own direction, by its first letter (what dir="auto" does in HTML,
 * which SVG text has not): an Arabic word reads right to left on any page, a
 * Latin one ("C++", "Wi-Fi") left to right even on an Arabic one.
 */
export function wordDirection(text: string): 'rtl' | 'ltr' {
  const first = /\p{L}/u.exec(text)?.[0];
  return first && RTL_LETTER.test(first) ? 'rtl' : 'ltr';
}

/** A deterministic random source, so the cloud keeps its shape between polls. */
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

interface WordCloudViewProps {
  results: WordCloudResults;
  tone?: Tone;
  maxWords?: number;
}

/** The word cloud (@visx/wordcloud): bigger words were sent more often. */
export function WordCloudView({ results, tone = 'dark', maxWords = 80 }: WordCloudViewProps) {
  const [ref, { width, height }] = useElementSize<HTMLDivElement>();
  const words = useMemo(
    () => results.words.slice(0, maxWords).map((w) => ({ text: w.text, value: w.count })),
    [results.words, maxWords],
  );
  const max = Math.max(1, ...words.map((w) => w.value));
  const min = Math.min(max, ...words.map((w) => w.value));
  const big = Math.max(24, Math.min(width, height * 1.6) / 7);
  const small = Math.max(14, big / 4.5);
  const fontSize = (w: { value: number }) =>
    max === min ? big * 0.75 : small + ((Math.sqrt(w.value) - Math.sqrt(min)) / (Math.sqrt(max) - Math.sqrt(min))) * (big - small);

  return (
    <div ref={ref} className="relative h-full w-full" role="img" aria-label={words.map((w) => `${w.text} (${w.value})`).join(', ') || t('display.noWords')}>
      {width > 0 && height > 0 && words.length > 0 && (
        <Wordcloud
          words={words}
          width={width}
          height={height}
          fontSize={fontSize}
          font={FONT}
          fontWeight={800}
          padding={4}
          spiral="archimedean"
          rotate={0}
          random={seeded(words.length * 7919 + width)}
        >
          {(cloudWords) => <CentredWords words={cloudWords} tone={tone} />}
        </Wordcloud>
      )}
    </div>
  );
}

interface PlacedWord {
  text?: string;
  x?: number;
  y?: number;
  size?: number;
  font?: string;
}

/**
 * The placed words, moved so that their bounding box is centred in the area:
 * the spiral places them unevenly around the middle.
 */
function CentredWords({ words, tone }: { words: PlacedWord[]; tone: Tone }) {
  const group = useRef<SVGGElement>(null);
  const [shift, setShift] = useState({ x: 0, y: 0 });
  const layout = words.map((w) => `${w.text}@${w.x},${w.y},${w.size}`).join('|');
  useLayoutEffect(() => {
    const g = group.current;
    if (!g || typeof g.getBBox !== 'function') return;
    const b = g.getBBox();
    if (b.width === 0 && b.height === 0) return;
    // getBBox is in the group's own coordinates (without its translate), where 0,0 is the middle.
    const x = Math.round(-(b.x + b.width / 2));
    const y = Math.round(-(b.y + b.height / 2));
    setShift((s) => (s.x === x && s.y === y ? s : { x, y }));
  }, [layout]);
  return (
    <g ref={group} transform={`translate(${shift.x}, ${shift.y})`} data-testid="word-cloud-words">
      {words.map((w, i) => (
        <text
          key={w.text}
          fill={colorAt(tone, i)}
          textAnchor="middle"
          direction={wordDirection(w.text ?? '')}
          unicodeBidi="isolate"
          transform={`translate(${w.x}, ${w.y})`}
          fontSize={w.size}
          fontFamily={w.font}
          fontWeight={800}
        >
          {w.text}
        </text>
      ))}
    </g>
  );
}
