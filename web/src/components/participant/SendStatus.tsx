import { FieldError } from '../ui/Field';
import type { SubmitStatus } from '../../hooks/useSubmit';

/** Retrying and general errors of an answer form (field errors sit by their fields). */
export function SendStatus({ status, retryMessage, general }: { status: SubmitStatus; retryMessage: string | null; general: string | null }) {
  return (
    <div aria-live="polite">
      {status === 'retrying' && retryMessage && (
        <p role="status" className="rounded-xl bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900 ring-1 ring-amber-200">
          {retryMessage}
        </p>
      )}
      {status === 'error' && general && <FieldError message={general} />}
    </div>
  );
}
