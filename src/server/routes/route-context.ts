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

/** What a research API token (`Authorization: Bearer dkr_…`) may reach: reading, never writing. */
const TOKEN_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>(['research:read', 'research:export']);
const TOKEN_METHODS = new Set(['GET', 'HEAD']);

/** Who a research API token acts for (services/research-token.service.ts). */
export interface TokenAuthenticator {
  authenticate(token: string): Promise<Viewer | null>;
}

/**
 * The viewer of a request with a bearer token: 401 for an unknown or revoked token, 403 on any route
 * but a GET of research:read or research:export. No cookie is involved, so no CSRF token either; the
 * token's project is enforced by the services (assertProjectAccess: another project is a 404).
 */
async function tokenViewer(req: FastifyRequest, permission: Permission, token: string, tokens: TokenAuthenticator | undefined): Promise<Viewer> {
  const viewer = tokens ? await tokens.authenticate(token) : null;
  if (!viewer) throw new Unauthorized('api_token_invalid');
  if (!TOKEN_METHODS.has(req.method) || !TOKEN_PERMISSIONS.has(permission)) throw new Forbidden('api_token_not_allowed');
  if (!hasPermission(viewer.role, permission)) throw new Forbidden();
  return viewer;
}

export async function sessionOf(req: FastifyRequest, auth: AuthService): Promise<Session | null> {
  if (req.dkSession === undefined) req.dkSession = await auth.sessionFromCookie(req.cookies[SESSION_COOKIE]);
  return req.dkSession;
}

/**
 * The viewer if the request may use `permission`: 401 without a live (or, except for 'session:partial',
 * full) session or research API token (tokenViewer), 403 when a
 * cookie-authenticated write lacks the session's CSRF token or the role lacks the permission.
 */
export async function requirePermission(req: FastifyRequest, permission: Permission, auth: AuthService, tokens?: TokenAuthenticator): Promise<Viewer | null> {
  if (permission === 'public') return null;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (bearer) return tokenViewer(req, permission, bearer[1]!, tokens);
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
export function installPermissions(app: App, auth: AuthService, catalog: RouteCatalogEntry[], tokens?: TokenAuthenticator): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const permission = route.config?.permission;
    if (permission === undefined) throw new Error(`route ${String(route.method)} ${route.url} declares no permission (config.permission)`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') catalog.push({ method, url: route.url, permission });
  });
  // Before the body is even parsed: an unauthenticated request learns nothing about the route's input.
  app.addHook('onRequest', async (req) => {
    const permission = req.routeOptions.config.permission;
    if (permission !== undefined) req.dkViewer = await requirePermission(req, permission, auth, tokens);
  });
}

/** The logged-in viewer of a route that declared a permission other than 'public'. */
export function viewerOf(req: FastifyRequest): Viewer {
  if (!req.dkViewer) throw new Unauthorized();
  return req.dkViewer;
}
