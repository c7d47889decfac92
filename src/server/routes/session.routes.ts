/**
 * Logging in and out with a local account (the session is an httpOnly, SameSite=Lax cookie), the
 * second factor (TOTP code or recovery code, and enrolment), and setting one's own password through an
 * invite or reset link. Each step that proves more gives a new session cookie.
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  LoginBody,
  PasswordResetBody,
  PasswordTokenBody,
  PasswordTokenInfo,
  SecondFactorBody,
  SessionInfo,
  SetPasswordBody,
  TotpEnrolled,
  TotpEnrolment,
} from '../../contracts/api.js';
import { SESSION_ABSOLUTE_MS, SESSION_COOKIE, type NewSession, type Session } from '../services/auth.service.js';
import { problemResponses, sessionOf, type App, type RouteDeps } from './route-context.js';

const tags = ['session'];

export function presentSession(session: Session): SessionInfo {
  const a = session.account;
  return {
    account: {
      id: a.id,
      email: a.email,
      displayName: a.displayName,
      role: a.role,
      language: a.language,
      municipalityId: a.municipalityId,
      unitId: a.unitId,
      regionId: a.regionId,
      projectIds: a.projectIds,
    },
    stage: session.stage === 'full' ? 'full' : a.totpEnabled ? 'totp' : 'enrol',
    csrfToken: session.csrfToken,
  };
}

export function sessionRoutes(app: App, { services, cookieSecure }: RouteDeps): void {
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax', secure: cookieSecure } as const;
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');
  /** Sets the new session's cookie and answers with the session. */
  const adopt = (reply: FastifyReply, created: NewSession) => {
    noStore(reply).setCookie(SESSION_COOKIE, created.cookieValue, { ...cookieOptions, maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000) });
    return presentSession(created.session);
  };

  app.post('/session', {
    config: { permission: 'public' },
    schema: { tags, summary: 'Log in (the second factor, when due, follows at /session/totp)', body: LoginBody, response: { 200: SessionInfo, ...problemResponses } },
    handler: async (req, reply) => adopt(reply, await services.auth.login(req.body.email, req.body.password, req.ip)),
  });

  app.get('/session', {
    config: { permission: 'session:partial' },
    schema: { tags, summary: 'Who is logged in, how far, and the CSRF token for writes', response: { 200: SessionInfo, ...problemResponses } },
    handler: async (req, reply) => {
      const session = await sessionOf(req, services.auth);
      noStore(reply);
      return presentSession(session!);
    },
  });

  app.delete('/session', {
    config: { permission: 'session:partial' },
    schema: { tags, summary: 'Log out', response: { 204: z.null(), ...problemResponses } },
    handler: async (req, reply) => {
      const session = await sessionOf(req, services.auth);
      if (session) await services.auth.logout(session);
      return reply.clearCookie(SESSION_COOKIE, cookieOptions).code(204).send(null);
    },
  });

  app.post('/session/totp', {
    config: { permission: 'session:partial' },
    schema: { tags, summary: 'The second factor: a code from the authenticator app, or a recovery code', body: SecondFactorBody, response: { 200: SessionInfo, ...problemResponses } },
    handler: async (req, reply) => adopt(reply, await services.auth.completeSecondFactor((await sessionOf(req, services.auth))!, req.body.code)),
  });

  app.post('/session/totp/enrolment', {
    config: { permission: 'session:partial' },
    schema: { tags, summary: 'Start two-factor enrolment: a new secret as a QR code and as text', response: { 200: TotpEnrolment, ...problemResponses } },
    handler: async (req, reply) => {
      noStore(reply);
      return services.auth.startEnrolment((await sessionOf(req, services.auth))!);
    },
  });

  app.post('/session/totp/enrolment/confirm', {
    config: { permission: 'session:partial' },
    schema: { tags, summary: 'Confirm enrolment with a first code; answers with the recovery codes, shown once', body: SecondFactorBody, response: { 200: TotpEnrolled, ...problemResponses } },
    handler: async (req, reply) => {
      const done = await services.auth.confirmEnrolment((await sessionOf(req, services.auth))!, req.body.code);
      return { recoveryCodes: done.recoveryCodes, session: adopt(reply, done) };
    },
  });

  app.post('/password-reset', {
    config: { permission: 'public' },
    schema: { tags, summary: 'Ask for a password-reset link by e-mail (the same answer whether or not the address has an account)', body: PasswordResetBody, response: { 202: z.null(), ...problemResponses } },
    handler: async (req, reply) => {
      await services.accounts.requestPasswordReset(req.body.email, req.ip);
      return reply.code(202).send(null);
    },
  });

  app.post('/password-tokens/inspect', {
    config: { permission: 'public' },
    schema: { tags, summary: 'Whom an invite or reset link is for (410 when used or expired)', body: PasswordTokenBody, response: { 200: PasswordTokenInfo, ...problemResponses } },
    handler: async (req, reply) => {
      noStore(reply);
      return services.accounts.inspectToken(req.body.token);
    },
  });

  app.post('/password-tokens/complete', {
    config: { permission: 'public' },
    schema: { tags, summary: 'Set one’s own password with an invite or reset link, once; logs in', body: SetPasswordBody, response: { 200: SessionInfo, ...problemResponses } },
    handler: async (req, reply) => adopt(reply, await services.accounts.setPasswordWithToken(req.body.token, req.body.password)),
  });
}
