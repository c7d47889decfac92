/** Accounts: invite by e-mail, resend an invite, turn an account off or on (platform admins; municipality leaders for their unit leaders). */
import { z } from 'zod';
import { Account, InviteAccountBody, UpdateAccountBody } from '../../contracts/api.js';
import { IdParams, problemResponses, viewerOf, type App, type RouteDeps } from './route-context.js';

const tags = ['accounts'];

export function accountRoutes(app: App, { services }: RouteDeps): void {
  app.get('/accounts', {
    config: { permission: 'accounts:manage' },
    schema: { tags, summary: 'Accounts with their status (a municipality leader: those of their municipality)', response: { 200: z.array(Account), ...problemResponses } },
    handler: async (req) => services.accounts.list(viewerOf(req)),
  });

  app.post('/accounts', {
    config: { permission: 'accounts:manage' },
    schema: { tags, summary: 'Invite a person by e-mail; they choose their own password', body: InviteAccountBody, response: { 201: Account, ...problemResponses } },
    handler: async (req, reply) => reply.code(201).send(await services.accounts.invite(viewerOf(req), req.body)),
  });

  app.post('/accounts/:id/invite', {
    config: { permission: 'accounts:manage' },
    schema: { tags, summary: 'Send a new invite link (the old one stops working)', params: IdParams, response: { 200: Account, ...problemResponses } },
    handler: async (req) => services.accounts.resendInvite(viewerOf(req), req.params.id),
  });

  app.post('/accounts/:id/reset-two-factor', {
    config: { permission: 'accounts:manage' },
    schema: {
      tags,
      summary: 'Reset a lost second factor: the authenticator and recovery codes are cleared, sessions end, the person is told by e-mail',
      params: IdParams,
      response: { 200: Account, ...problemResponses },
    },
    handler: async (req) => services.accounts.resetTwoFactor(viewerOf(req), req.params.id),
  });

  app.patch('/accounts/:id', {
    config: { permission: 'accounts:manage' },
    schema: { tags, summary: 'Disable or enable an account', params: IdParams, body: UpdateAccountBody, response: { 200: Account, ...problemResponses } },
    handler: async (req) => services.accounts.setDisabled(viewerOf(req), req.params.id, req.body.disabled),
  });
}
