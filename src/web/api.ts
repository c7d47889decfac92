/**
 * The web's one door to /api/v1: JSON in and out, the current language as accept-language, the
 * session's CSRF token on every write, cookies only for this origin. Failures are typed:
 * - ApiError: the server answered with an error (application/problem+json: status, detail in the
 *   caller's language, field errors);
 * - NetworkError: the request never got an answer from our server (offline, DNS, a proxy's 502/503/504),
 *   so the caller may keep the work and try again later.
 */
import type { Problem } from '../contracts/api.js';
import { currentLanguage } from './i18n/index.js';

export interface FieldError {
  /** Path as the server names it, e.g. "answers.dk:age" or "ssbCode". */
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly type: string;
  readonly fieldErrors: FieldError[];

  constructor(status: number, problem: Partial<Problem>) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.title = problem.title ?? '';
    this.detail = problem.detail ?? '';
    this.type = problem.type ?? 'about:blank';
    this.fieldErrors = problem.errors ?? [];
  }
}

export class NetworkError extends Error {
  constructor(cause?: unknown) {
    super('network unavailable', { cause });
    this.name = 'NetworkError';
  }
}

let csrfToken: string | null = null;

/** Set from the session (login or GET /session); sent as x-csrf-token on every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  signal?: AbortSignal;
  /** Lets a save finish while the page is being closed. */
  keepalive?: boolean;
  /** Send the body as it is (a file's bytes) with this content type, instead of as JSON. */
  contentType?: string;
}

/** Statuses a gateway gives when our server is not there; treated like a dropped connection. */
const GATEWAY_STATUSES = new Set([502, 503, 504]);

export async function request<T>(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    'accept-language': currentLanguage(),
  };
  if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : options.contentType !== undefined ? (body as BodyInit) : JSON.stringify(body),
      credentials: 'same-origin',
      signal: options.signal,
      keepalive: options.keepalive,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(error);
  }

  const contentType = response.headers.get('content-type') ?? '';
  if (response.ok) {
    if (response.status === 204 || !contentType.includes('json')) return undefined as T;
    return (await response.json()) as T;
  }

  const isProblem = contentType.includes('json');
  if (!isProblem && GATEWAY_STATUSES.has(response.status)) throw new NetworkError(`HTTP ${response.status}`);
  let problem: Partial<Problem> = {};
  if (isProblem) {
    try {
      problem = (await response.json()) as Partial<Problem>;
    } catch {
      // A broken body still leaves the status to act on.
    }
  }
  throw new ApiError(response.status, problem);
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body ?? {}, options),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PATCH', path, body, options),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
  /** POST a file's bytes unchanged (e.g. text/csv, whose encoding the server detects). */
  upload: <T>(path: string, file: Blob, contentType: string, options?: RequestOptions) => request<T>('POST', path, file, { ...options, contentType }),
};

/** Path segment, safely encoded (link tokens and ids come from outside). */
export const seg = (value: string) => encodeURIComponent(value);
