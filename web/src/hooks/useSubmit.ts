import { t } from '../i18n';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, isRetryable } from '../services/api';
import { backoffDelay } from '../utils/polling';
import { describeError, formErrors, noErrors, type FormErrors } from '../utils/validation';

export type SubmitStatus = 'idle' | 'sending' | 'retrying' | 'done' | 'error';

export interface UseSubmitOptions<A, R> {
  /** Give up retrying after this many failed tries (then the person can tap again). */
  maxAttempts?: number;
  onSuccess?: (result: R, args: A) => void;
  /** Called when it gives up (a final error, or out of retries). */
  onError?: (err: unknown, args: A) => void;
  /** Which error fields the form shows next to its controls. */
  knownField?: (field: string) => boolean;
}

export interface UseSubmitResult<A> {
  submit: (args: A) => void;
  status: SubmitStatus;
  errors: FormErrors;
  /** A short sentence while retrying. */
  retryMessage: string | null;
  reset: () => void;
}

/**
 * Sends an answer and keeps at it through a flaky venue network: network
 * errors, 429 and 5xx are retried with back-off (honouring Retry-After, and
 * at once when the browser says it is back online); validation errors come
 * back per field. The caller keeps what was typed until it succeeds.
 */
export function useSubmit<A, R>(send: (args: A) => Promise<R>, opts: UseSubmitOptions<A, R> = {}): UseSubmitResult<A> {
  const { maxAttempts = 8 } = opts;
  const [status, setStatus] = useState<SubmitStatus>('idle');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [retryMessage, setRetryMessage] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<{ args: A; attempt: number } | null>(null);
  const mounted = useRef(true);
  const generation = useRef(0);
  const sendRef = useRef(send);
  const optsRef = useRef(opts);
  sendRef.current = send;
  optsRef.current = opts;

  const clearTimer = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  const attempt = useCallback(
    async (args: A, n: number, gen: number) => {
      pending.current = { args, attempt: n };
      try {
        const result = await sendRef.current(args);
        if (!mounted.current || gen !== generation.current) return;
        pending.current = null;
        setStatus('done');
        setRetryMessage(null);
        setErrors(noErrors);
        optsRef.current.onSuccess?.(result, args);
      } catch (err) {
        if (!mounted.current || gen !== generation.current) return;
        if (isRetryable(err) && n < maxAttempts) {
          const after = err instanceof ApiError ? err.retryAfterMs : null;
          const wait = Math.max(after ?? 0, backoffDelay(n, { base: 1000, cap: 15_000 }));
          setStatus('retrying');
          setRetryMessage(`${describeError(err)} ${t('common.sendingAgain')}`);
          clearTimer();
          timer.current = setTimeout(() => void attempt(args, n + 1, gen), wait);
          return;
        }
        pending.current = null;
        setStatus('error');
        setRetryMessage(null);
        setErrors(formErrors(err, optsRef.current.knownField));
        optsRef.current.onError?.(err, args);
      }
    },
    [maxAttempts],
  );

  // Back online: send what is waiting now rather than at the end of the back-off.
  useEffect(() => {
    const onOnline = () => {
      const p = pending.current;
      if (p && timer.current) {
        clearTimer();
        void attempt(p.args, p.attempt + 1, generation.current);
      }
    };
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [attempt]);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      clearTimer();
    };
  }, []);

  const submit = useCallback(
    (args: A) => {
      clearTimer();
      generation.current += 1;
      setStatus('sending');
      setErrors(noErrors);
      setRetryMessage(null);
      void attempt(args, 1, generation.current);
    },
    [attempt],
  );

  const reset = useCallback(() => {
    clearTimer();
    generation.current += 1;
    pending.current = null;
    setStatus('idle');
    setErrors(noErrors);
    setRetryMessage(null);
  }, []);

  return { submit, status, errors, retryMessage, reset };
}
