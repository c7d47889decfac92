/**
 * Small helpers shared by the admin and login forms: keep field errors, and turn a server's
 * problem+json field errors (path → message) into errors at our fields.
 */
import { useCallback, useState } from 'react';
import { ApiError, NetworkError } from '../api.js';
import type { SummaryError } from './FormErrorSummary.js';

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

export interface FormState<F extends string> {
  errors: FieldErrors<F>;
  /** Errors that belong to no field (e.g. "you are not allowed"). */
  formErrors: string[];
  attempt: number;
  /** Show these errors (at the fields and in the summary) and move focus to the summary. */
  fail(errors: FieldErrors<F>, formErrors?: string[]): void;
  clear(): void;
  summary(ids: Record<F, string>): SummaryError[];
}

export function useFormErrors<F extends string>(): FormState<F> {
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const fail = useCallback((next: FieldErrors<F>, general: string[] = []) => {
    setErrors(next);
    setFormErrors(general);
    setAttempt((n) => n + 1);
  }, []);
  const clear = useCallback(() => {
    setErrors({});
    setFormErrors([]);
  }, []);
  const summary = (ids: Record<F, string>): SummaryError[] => [
    ...formErrors.map((message) => ({ message })),
    ...(Object.keys(ids) as F[]).flatMap((field) => {
      const message = errors[field];
      return message ? [{ target: ids[field], message }] : [];
    }),
  ];
  return { errors, formErrors, attempt, fail, clear, summary };
}

/** The last part of a server path: "body.ssbCode" / "/ssbCode" / "ssbCode" → "ssbCode". */
function fieldOf(path: string): string {
  const parts = path.split(/[./]/).filter(Boolean);
  return parts[parts.length - 1] ?? '';
}

/**
 * Split a failed request into field errors (for the fields the form has) and general errors.
 * `messages` gives the texts for a dropped connection and for unknown failures.
 */
export function errorsFromFailure<F extends string>(
  error: unknown,
  fields: readonly F[],
  messages: { network: string; unknown: string },
): { fieldErrors: FieldErrors<F>; formErrors: string[] } {
  if (error instanceof NetworkError) return { fieldErrors: {}, formErrors: [messages.network] };
  if (!(error instanceof ApiError)) return { fieldErrors: {}, formErrors: [messages.unknown] };
  const fieldErrors: FieldErrors<F> = {};
  const formErrors: string[] = [];
  for (const { path, message } of error.fieldErrors) {
    const field = fields.find((f) => f === fieldOf(path));
    if (field && !fieldErrors[field]) fieldErrors[field] = message;
    else formErrors.push(message);
  }
  if (Object.keys(fieldErrors).length === 0 && formErrors.length === 0) formErrors.push(error.detail || messages.unknown);
  return { fieldErrors, formErrors };
}
