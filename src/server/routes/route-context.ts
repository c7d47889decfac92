/**
 * What every route file shares: the typed Fastify instance, the permission each route declares in its
 * config (enforced here, in one onRequest hook, so a test can enumerate routes and permissions), the
 * viewer of the request and the CSRF rule for cookie-authenticated writes.
 */
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Problem } from '../../contracts/api.js';
import { safeEqual } from '../adapters/secrets.js';
import { Forbidden, Unauthorized } from '../errors.js';
import { hasPermission, type Permission, type Viewer } from '../services/access.js';
import { SESSION_COOKIE, type AuthService, type Session } from '../services/auth.service.js';
import type { Services } from '../services/index.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route; every /api/v1 route declares one. */
    permission?: Permission;
  }
  interface FastifyInstance {
    /** Every /api/v1 route with its declared permission, for the access-matrix test and docs. */
    routeCatalog: RouteCatalogEntry[];
  }
  interface FastifyRequest {
    /** The session behind the request's cookie, once looked up (null: none or expired). */
    dkSession?: Session | null;
    dkViewer?: Viewer | null;
  }
}

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface RouteCatalogEntry {
  method: string;
  url: string;
  permission: Permission;
}

export interface RouteDeps {
  services: Services;
  cookieSecure: boolean;
}

/** Error responses, documented once for every route. */
export const problemResponses = { '4xx': Problem } as const;

export const IdParams = z.object({ id: z.uuid() });

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function sessionOf(req: FastifyRequest, auth: AuthService): Promise<Session | null> {
  if (req.dkSession === undefined) req.dkSession = await auth.sessionFromCookie(req.cookies[SESSION_COOKIE]);
  return req.dkSession;
}

/**
 * The viewer if the request may use `permission`: 401 without a live (or, except for 'session:partial',
 * full) session, 403 when a
 * cookie-authenticated write lacks the session's CSRF token or the role lacks the permission.
 */
export async function requirePermission(req: FastifyRequest, permission: Permission, auth: AuthService): Promise<Viewer | null> {
  if (permission === 'public') return null;
  const session = await sessionOf(req, auth);
  if (!session) throw new Unauthorized(req.cookies[SESSION_COOKIE] ? 'session_expired' : 'unauthorized');
  // A session still waiting for its second factor reaches nothing but itself and the two-factor steps.
  if (session.stage !== 'full' && permission !== 'session:partial') throw new Unauthorized('second_factor_required');
  if (!SAFE_METHODS.has(req.method)) {
    const header = req.headers['x-csrf-token'];
    if (typeof header !== 'string' || !safeEqual(header, session.csrfToken)) throw new Forbidden('csrf');
  }
  if (!hasPermission(session.viewer.role, permission)) throw new Forbidden();
  return session.viewer;
}

/** Installs the permission check; refuses to register an /api/v1 route without a declared permission. */
export function installPermissions(app: App, auth: AuthService, catalog: RouteCatalogEntry[]): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const permission = route.config?.permission;
    if (permission === undefined) throw new Error(`route ${String(route.method)} ${route.url} declares no permission (config.permission)`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') catalog.push({ method, url: route.url, permission });
  });
  // Before the body is even parsed: an unauthenticated request learns nothing about the route's input.
  app.addHook('onRequest', async (req) => {
    const permission = req.routeOptions.config.permission;
    if (permission !== undefined) req.dkViewer = await requirePermission(req, permission, auth);
  });
}

/** The logged-in viewer of a route that declared a permission other than 'public'. */
export function viewerOf(req: FastifyRequest): Viewer {
  if (!req.dkViewer) throw new Unauthorized();
  return req.dkViewer;
}
