/** Accounts for leaders and platform admins. */
import { z } from 'zod';
import { Account, CreateAccountBody } from '../../contracts/api.js';
import { problemResponses, viewerOf, type App, type RouteDeps } from './route-context.js';

const tags = ['accounts'];

export function accountRoutes(app: App, { services }: RouteDeps): void {
  app.get('/accounts', {
    config: { permission: 'admin:read' },
    schema: { tags, summary: 'Accounts', response: { 200: z.array(Account), ...problemResponses } },
    handler: async () => services.accounts.list(),
  });

  app.post('/accounts', {
    config: { permission: 'admin:write' },
    schema: { tags, summary: 'Create an account', body: CreateAccountBody, response: { 201: Account, ...problemResponses } },
    handler: async (req, reply) => reply.code(201).send(await services.accounts.create(viewerOf(req), req.body)),
  });
}
