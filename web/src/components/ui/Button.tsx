import type { ComponentPropsWithRef, ReactNode } from 'react';
import { Spinner } from './Spinner';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger' | 'accent';
export type ButtonSize = 'sm' | 'md' | 'lg' | 'xl';

interface ButtonProps extends ComponentPropsWithRef<'button'> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  busy?: boolean;
  icon?: ReactNode;
  block?: boolean;
}

const variants: Record<ButtonVariant, string> = {
  primary:
    'bg-brand-600 text-white hover:bg-brand-700 active:bg-brand-800 shadow-sm shadow-brand-900/20 disabled:bg-brand-300',
  // coral-700 and darker: white text at 4.5:1 or more.
  accent: 'bg-coral-700 text-white hover:bg-coral-800 active:bg-coral-800 shadow-sm disabled:bg-coral-300',
  secondary:
    'bg-white text-ink ring-1 ring-inset ring-slate-300 hover:bg-slate-50 active:bg-slate-100 disabled:text-slate-400',
  ghost: 'bg-transparent text-brand-700 hover:bg-brand-50 active:bg-brand-100 disabled:text-slate-400',
  danger: 'bg-white text-red-700 ring-1 ring-inset ring-red-300 hover:bg-red-50 active:bg-red-100 disabled:text-red-300',
};

const sizes: Record<ButtonSize, string> = {
  sm: 'min-h-9 px-3 text-sm gap-1.5 rounded-lg',
  md: 'min-h-11 px-4 text-base gap-2 rounded-xl',
  lg: 'min-h-14 px-6 text-lg gap-2 rounded-2xl',
  xl: 'min-h-16 px-7 text-xl gap-3 rounded-2xl',
};

export function Button({
  variant = 'primary',
  size = 'md',
  busy = false,
  icon,
  block = false,
  className = '',
  children,
  disabled,
  type = 'button',
  ...rest
}: ButtonProps) {
  return (
    <button
      type={type}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      className={`inline-flex select-none items-center justify-center font-semibold transition-colors disabled:cursor-not-allowed ${variants[variant]} ${sizes[size]} ${block ? 'w-full' : ''} ${className}`}
      {...rest}
    >
      {busy ? <Spinner className="h-5 w-5" /> : icon}
      {children}
    </button>
  );
}
