/** A municipality's own systems in a wave (local items): platform admins add, rename and remove them until the wave opens. */
import { z } from 'zod';
import { CreateLocalItemBody, LocalItem, UpdateLocalItemBody } from '../../contracts/api.js';
import { IdParams, problemResponses, viewerOf, type App, type RouteDeps } from './route-context.js';

const tags = ['waves'];
const ItemParams = z.object({ id: z.uuid(), itemId: z.uuid() });
const ListQuery = z.object({ municipalityId: z.uuid().optional(), lang: z.string().optional() });

export function localItemRoutes(app: App, { services }: RouteDeps): void {
  app.get('/waves/:id/local-items', {
    config: { permission: 'organisation:read' },
    schema: {
      tags,
      summary: "A wave's local items (a leader sees their own municipality's; an admin all, or one municipality's)",
      params: IdParams,
      querystring: ListQuery,
      response: { 200: z.array(LocalItem), ...problemResponses },
    },
    handler: async (req) => services.localItems.list(viewerOf(req), req.params.id, req.query.municipalityId),
  });

  app.post('/waves/:id/local-items', {
    config: { permission: 'admin:write' },
    schema: {
      tags,
      summary: 'Add a local system for a municipality (409 once the wave has opened for it)',
      params: IdParams,
      body: CreateLocalItemBody,
      response: { 201: LocalItem, ...problemResponses },
    },
    handler: async (req, reply) => reply.code(201).send(await services.localItems.create(viewerOf(req), req.params.id, req.body)),
  });

  app.patch('/waves/:id/local-items/:itemId', {
    config: { permission: 'admin:write' },
    schema: { tags, summary: "Rename a local system (409 once the wave has opened)", params: ItemParams, body: UpdateLocalItemBody, response: { 200: LocalItem, ...problemResponses } },
    handler: async (req) => services.localItems.update(viewerOf(req), req.params.id, req.params.itemId, req.body),
  });

  app.delete('/waves/:id/local-items/:itemId', {
    config: { permission: 'admin:write' },
    schema: { tags, summary: 'Remove a local system (409 once the wave has opened)', params: ItemParams, response: { 204: z.null(), ...problemResponses } },
    handler: async (req, reply) => {
      await services.localItems.remove(viewerOf(req), req.params.id, req.params.itemId);
      return reply.code(204).send(null);
    },
  });
}
