interface LogoProps {
  /** Height of the mark in px. */
  size?: number;
  /** Show the "caja" word next to the mark. */
  wordmark?: boolean;
  tone?: 'dark' | 'light';
  className?: string;
}

/** The Caja mark: an open box seen from above, in brand violet and coral. */
export function LogoMark({ size = 28, className }: { size?: number; className?: string }) {
  return (
    <svg viewBox="0 0 32 32" width={size} height={size} aria-hidden="true" className={className}>
      <path d="M16 2.5 29 9.5 16 16.5 3 9.5Z" fill="#b7a5ff" />
      <path d="M3 9.5 16 16.5V30L3 23Z" fill="#6128f5" />
      <path d="M29 9.5 16 16.5V30L29 23Z" fill="#ff6a45" />
    </svg>
  );
}

export function Logo({ size = 28, wordmark = true, tone = 'dark', className = '' }: LogoProps) {
  return (
    <span className={`inline-flex items-center gap-2 ${className}`}>
      <LogoMark size={size} />
      {wordmark && (
        <span
          className={`font-extrabold tracking-tight ${tone === 'light' ? 'text-white' : 'text-ink'}`}
          style={{ fontSize: size * 0.85, lineHeight: 1 }}
        >
          caja
        </span>
      )}
      <span className="sr-only">Caja</span>
    </span>
  );
}
