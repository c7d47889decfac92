/**
 * Typed errors thrown by services and routes. They carry a message code (translated in i18n.ts) and
 * never a sentence, so the one error handler in app.ts can answer in the caller's language as
 * application/problem+json.
 */
import type { MessageCode } from './i18n.js';

export type Params = Record<string, string | number>;

/** One field's problem: `path` as the client names it (e.g. "answers.dk:age", "ssbCode"). */
export interface FieldIssue {
  path: string;
  code: string;
  params?: Params;
  /** A ready message (e.g. from zod) used when the code has no translation. */
  fallback?: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: MessageCode,
    readonly params: Params = {},
    readonly fieldIssues: FieldIssue[] = [],
  ) {
    super(code);
    this.name = new.target.name;
  }
}

export class BadRequest extends AppError {
  constructor(code: MessageCode = 'bad_request', params?: Params) {
    super(400, code, params);
  }
}

export class ValidationFailed extends AppError {
  constructor(issues: FieldIssue[], code: MessageCode = 'validation') {
    super(400, code, {}, issues);
  }
}

export class Unauthorized extends AppError {
  constructor(code: MessageCode = 'unauthorized') {
    super(401, code);
  }
}

export class Forbidden extends AppError {
  constructor(code: MessageCode = 'forbidden') {
    super(403, code);
  }
}

export class NotFound extends AppError {
  constructor(code: MessageCode = 'not_found') {
    super(404, code);
  }
}

export class Conflict extends AppError {
  constructor(code: MessageCode = 'conflict', params?: Params, issues?: FieldIssue[]) {
    super(409, code, params, issues);
  }
}

export class Gone extends AppError {
  constructor(code: MessageCode) {
    super(410, code);
  }
}

export class TooManyRequests extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'rate_limited', { seconds: retryAfterSeconds });
  }
}

/** PostgreSQL's unique_violation, from either driver. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

/** PostgreSQL's foreign_key_violation. */
export function isForeignKeyViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23503';
}
