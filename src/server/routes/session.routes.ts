/** Logging in and out with a local account; the session is an httpOnly, SameSite=Lax cookie. */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { LoginBody, SessionInfo } from '../../contracts/api.js';
import { SESSION_ABSOLUTE_MS, SESSION_COOKIE, type Session } from '../services/auth.service.js';
import { problemResponses, sessionOf, type App, type RouteDeps } from './route-context.js';

const tags = ['session'];

function present(session: Session): SessionInfo {
  const v = session.viewer;
  return {
    account: { id: v.accountId, email: v.email, displayName: v.displayName, role: v.role, municipalityId: v.municipalityId },
    csrfToken: session.csrfToken,
  };
}

export function sessionRoutes(app: App, { services, cookieSecure }: RouteDeps): void {
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax', secure: cookieSecure } as const;
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

  app.post('/session', {
    config: { permission: 'public' },
    schema: { tags, summary: 'Log in', body: LoginBody, response: { 200: SessionInfo, ...problemResponses } },
    handler: async (req, reply) => {
      const { session, cookieValue } = await services.auth.login(req.body.email, req.body.password, req.ip);
      noStore(reply).setCookie(SESSION_COOKIE, cookieValue, { ...cookieOptions, maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000) });
      return present(session);
    },
  });

  app.get('/session', {
    config: { permission: 'session' },
    schema: { tags, summary: 'Who is logged in, and the CSRF token for writes', response: { 200: SessionInfo, ...problemResponses } },
    handler: async (req, reply) => {
      const session = await sessionOf(req, services.auth);
      noStore(reply);
      return present(session!);
    },
  });

  app.delete('/session', {
    config: { permission: 'session' },
    schema: { tags, summary: 'Log out', response: { 204: z.null(), ...problemResponses } },
    handler: async (req, reply) => {
      const session = await sessionOf(req, services.auth);
      if (session) await services.auth.logout(session);
      return reply.clearCookie(SESSION_COOKIE, cookieOptions).code(204).send(null);
    },
  });
}
