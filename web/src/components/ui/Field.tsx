import { useId, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from 'react';

interface FieldShellProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
  className?: string;
  /** Visually hide the label (it stays for screen readers). */
  hideLabel?: boolean;
}

/** A label, the control, a hint and the error the server gave for this field. */
export function FieldShell({ id, label, hint, error, children, className = '', hideLabel }: FieldShellProps) {
  return (
    <div className={`flex flex-col gap-1.5 ${className}`}>
      <label htmlFor={id} className={hideLabel ? 'sr-only' : 'text-sm font-semibold text-slate-700'}>
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-sm text-slate-500">
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

export function FieldError({ id, message }: { id?: string; message?: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="flex items-start gap-1.5 text-sm font-medium text-red-700">
      <svg viewBox="0 0 20 20" className="mt-0.5 h-4 w-4 shrink-0" fill="currentColor" aria-hidden="true">
        <path d="M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm-.75 4.5h1.5v5h-1.5v-5Zm0 6.5h1.5v1.5h-1.5V13Z" />
      </svg>
      <span className="break-anywhere">{message}</span>
    </p>
  );
}

const inputBase =
  'w-full rounded-xl border bg-white px-3.5 text-base text-ink placeholder:text-slate-400 shadow-sm transition focus:outline-none focus:ring-4 disabled:bg-slate-100 disabled:text-slate-500';
const okBorder = 'border-slate-300 focus:border-brand-500 focus:ring-brand-100';
const badBorder = 'border-red-500 focus:border-red-500 focus:ring-red-100';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  hideLabel?: boolean;
  inputClassName?: string;
  id?: string;
}

export function TextField({ label, hint, error, hideLabel, className = '', inputClassName = '', id, ...rest }: TextFieldProps) {
  const autoId = useId();
  const fid = id ?? autoId;
  const describedBy = [error ? `${fid}-error` : null, hint && !error ? `${fid}-hint` : null].filter(Boolean).join(' ');
  return (
    <FieldShell id={fid} label={label} hint={hint} error={error} className={className} hideLabel={hideLabel}>
      <input
        id={fid}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        className={`${inputBase} min-h-12 ${error ? badBorder : okBorder} ${inputClassName}`}
        {...rest}
      />
    </FieldShell>
  );
}

interface TextAreaProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  hideLabel?: boolean;
  id?: string;
}

export function TextArea({ label, hint, error, hideLabel, className = '', id, ...rest }: TextAreaProps) {
  const autoId = useId();
  const fid = id ?? autoId;
  const describedBy = [error ? `${fid}-error` : null, hint && !error ? `${fid}-hint` : null].filter(Boolean).join(' ');
  return (
    <FieldShell id={fid} label={label} hint={hint} error={error} className={className} hideLabel={hideLabel}>
      <textarea
        id={fid}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        className={`${inputBase} min-h-28 py-3 leading-relaxed ${error ? badBorder : okBorder}`}
        {...rest}
      />
    </FieldShell>
  );
}

interface CheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'id'> {
  label: ReactNode;
  error?: string | undefined;
  id?: string;
}

export function Checkbox({ label, error, className = '', id, ...rest }: CheckboxProps) {
  const autoId = useId();
  const fid = id ?? autoId;
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={fid} className="inline-flex min-h-9 cursor-pointer items-center gap-2.5 text-sm font-medium text-slate-700">
        <input
          id={fid}
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${fid}-error` : undefined}
          className="h-5 w-5 rounded border-slate-300 accent-brand-600"
          {...rest}
        />
        {label}
      </label>
      <FieldError id={`${fid}-error`} message={error} />
    </div>
  );
}
