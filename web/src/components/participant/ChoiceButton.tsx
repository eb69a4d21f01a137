import { t } from '../../i18n';
import type { ReactNode } from 'react';
import { SOLID_PALETTE } from '../viewer/palette';
import { ActivityImage } from '../ui/ActivityImage';

/** White text sits on these: each is at least 4.5:1 against white. */
export const CHOICE_COLORS = SOLID_PALETTE;

interface ChoiceButtonProps {
  index: number;
  label: string;
  selected: boolean;
  disabled?: boolean;
  /** radio: one choice; checkbox: several. */
  kind: 'radio' | 'checkbox';
  onSelect: () => void;
  /** Shown after reveal: right or wrong. */
  verdict?: 'correct' | 'wrong' | null;
  trailing?: ReactNode;
  /** The option's image, if it has one. */
  imageId?: string | null | undefined;
}

/** A big, labelled, finger-sized answer option. */
export function ChoiceButton({ index, label, selected, disabled, kind, onSelect, verdict, trailing, imageId }: ChoiceButtonProps) {
  const color = CHOICE_COLORS[index % CHOICE_COLORS.length];
  return (
    <button
      type="button"
      role={kind}
      aria-checked={selected}
      disabled={disabled}
      onClick={onSelect}
      className={`group flex min-h-16 w-full items-center gap-3 rounded-2xl border-2 px-4 py-3 text-start text-lg font-semibold transition active:scale-[0.99] disabled:cursor-default ${
        selected ? 'border-transparent text-white shadow-md' : 'border-slate-200 bg-white text-ink hover:border-slate-300'
      } ${verdict === 'correct' ? 'ring-4 ring-emerald-400' : ''} ${disabled && !selected ? 'opacity-70' : ''}`}
      style={selected ? { backgroundColor: color } : undefined}
    >
      <span
        aria-hidden="true"
        className={`flex h-9 w-9 shrink-0 items-center justify-center rounded-xl text-base font-extrabold ${
          selected ? 'bg-white/25 text-white' : 'text-white'
        }`}
        style={selected ? undefined : { backgroundColor: color }}
      >
        {selected ? '✓' : String.fromCharCode(65 + (index % 26))}
      </span>
      <ActivityImage imageId={imageId} alt={label} size="thumb" />
      <span className="min-w-0 flex-1 break-anywhere [unicode-bidi:plaintext]">{label}</span>
      {verdict === 'correct' && <span className="shrink-0 rounded-full bg-emerald-700 px-2 py-0.5 text-sm text-white">{t('quiz.rightAnswer')}</span>}
      {trailing}
    </button>
  );
}
