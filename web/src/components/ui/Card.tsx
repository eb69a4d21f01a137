import type { HTMLAttributes, ReactNode } from 'react';

interface CardProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  title?: ReactNode;
  actions?: ReactNode;
  as?: 'section' | 'div' | 'article';
  padded?: boolean;
}

export function Card({ title, actions, as = 'section', padded = true, className = '', children, ...rest }: CardProps) {
  const Tag = as;
  return (
    <Tag className={`rounded-2xl bg-white shadow-sm ring-1 ring-slate-200 ${className}`} {...rest}>
      {(title || actions) && (
        <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 px-5 py-3.5">
          {title && <h2 className="text-base font-bold text-ink">{title}</h2>}
          {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
        </header>
      )}
      <div className={padded ? 'p-5' : ''}>{children}</div>
    </Tag>
  );
}
