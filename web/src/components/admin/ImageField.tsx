import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { IMAGE_MAX_BYTES, IMAGE_TYPES } from '../../services/imageApi';
import { imageUrl, type UploadedImage } from '../../types/activity';
import { S } from '../../strings/activityTypes';
import { describeError } from '../../utils/validation';
import { FieldError } from '../ui/Field';
import { Spinner } from '../ui/Spinner';

export type Upload = (file: File) => Promise<UploadedImage>;

interface ImageFieldProps {
  label: string;
  imageId: string | null;
  /** Alt text of the preview (the title or the option's label). */
  alt: string;
  upload: Upload;
  onChange: (id: string | null) => void;
  disabled?: boolean;
  /** A small square beside an option instead of the full drop zone. */
  compact?: boolean;
  error?: string | undefined;
}

/** A file the server will not take, said before sending it; null when it may go. */
export function checkImage(file: File): string | null {
  if (!(IMAGE_TYPES as readonly string[]).includes(file.type)) return S.editor.notImage;
  if (file.size > IMAGE_MAX_BYTES) return S.editor.tooBig;
  return null;
}

/** Upload an image by drag-and-drop or the file picker, with a preview (the local file at once, then the stored one). */
export function ImageField({ label, imageId, alt, upload, onChange, disabled = false, compact = false, error }: ImageFieldProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [local, setLocal] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  useEffect(() => () => void (local && URL.revokeObjectURL(local)), [local]);

  const take = async (file: File | undefined) => {
    if (!file || disabled || busy) return;
    const bad = checkImage(file);
    if (bad) {
      setProblem(bad);
      return;
    }
    setProblem(null);
    setBusy(true);
    const preview = typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : null;
    setLocal(preview);
    try {
      const img = await upload(file);
      onChange(img.id);
    } catch (err) {
      setProblem(describeError(err));
    } finally {
      setBusy(false);
      setLocal(null);
      if (input.current) input.current.value = '';
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void take(e.dataTransfer.files[0]);
  };
  const src = local ?? (imageId ? imageUrl(imageId) : null);
  const message = problem ?? error;
  const zone = `relative flex items-center justify-center overflow-hidden border-2 border-dashed transition ${
    over ? 'border-brand-500 bg-brand-50' : 'border-slate-300 bg-white'
  } ${disabled ? 'opacity-60' : ''}`;

  return (
    <div className={compact ? 'shrink-0' : 'flex flex-col gap-1.5'}>
      {!compact && <span className="text-sm font-semibold text-slate-700">{label}</span>}
      <div
        className={compact ? `${zone} h-12 w-12 rounded-lg` : `${zone} min-h-32 flex-col gap-2 rounded-xl p-3`}
        onDragOver={(e) => {
          e.preventDefault();
          if (!disabled) setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="image-drop"
      >
        {src && <img src={src} alt={alt} className={compact ? 'absolute inset-0 h-full w-full object-cover' : 'max-h-48 max-w-full rounded-lg object-contain'} />}
        {busy && (
          <span className="absolute inset-0 flex items-center justify-center bg-white/70">
            <Spinner className="h-6 w-6" {...(compact ? {} : { label: S.editor.uploading })} />
          </span>
        )}
        <input
          ref={input}
          id={id}
          type="file"
          accept={IMAGE_TYPES.join(',')}
          className="sr-only"
          disabled={disabled || busy}
          onChange={(e) => void take(e.target.files?.[0])}
          aria-describedby={message ? `${id}-error` : undefined}
        />
        <label
          htmlFor={id}
          className={
            compact
              ? 'absolute inset-0 z-10 cursor-pointer'
              : 'cursor-pointer rounded-lg bg-white px-3 py-1.5 text-sm font-semibold text-brand-700 ring-1 ring-inset ring-slate-300 hover:bg-brand-50'
          }
        >
          {compact ? <span className="sr-only">{label}</span> : src ? S.editor.replaceImage : S.editor.chooseImage}
        </label>
        {compact && !src && (
          <svg aria-hidden="true" viewBox="0 0 20 20" className="pointer-events-none h-6 w-6 text-slate-500" fill="currentColor">
            <path d="M3 4h14v12H3V4Zm1.5 1.5v7.4l3-3 2.5 2.5 2-2 3.5 3.5V5.5h-11Zm8 1.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3Z" />
          </svg>
        )}
        {!compact && !src && <span className="text-center text-sm text-slate-500">{S.editor.imageHint}</span>}
      </div>
      {imageId && !busy && (
        <button
          type="button"
          className={`text-sm font-semibold text-red-700 hover:underline disabled:text-slate-400 disabled:no-underline ${compact ? 'mt-0.5 block w-12 text-center text-xs' : 'self-start'}`}
          disabled={disabled}
          onClick={() => onChange(null)}
          aria-label={compact ? `${S.editor.removeImage}: ${label}` : undefined}
        >
          {compact ? '✕' : S.editor.removeImage}
        </button>
      )}
      <FieldError id={`${id}-error`} message={message ?? undefined} />
    </div>
  );
}
