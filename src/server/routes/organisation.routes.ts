/** Regions, municipalities and units. */
import { z } from 'zod';
import {
  CreateMunicipalityBody,
  CreateRegionBody,
  CreateUnitBody,
  Municipality,
  Region,
  Unit,
  UpdateUnitBody,
} from '../../contracts/api.js';
import { IdParams, problemResponses, viewerOf, type App, type RouteDeps } from './route-context.js';

const tags = ['organisation'];

export function organisationRoutes(app: App, { services }: RouteDeps): void {
  app.get('/regions', {
    config: { permission: 'organisation:read' },
    schema: { tags, summary: 'Regions', response: { 200: z.array(Region), ...problemResponses } },
    handler: async () => services.organisation.listRegions(),
  });

  app.post('/regions', {
    config: { permission: 'admin:write' },
    schema: { tags, summary: 'Create a region', body: CreateRegionBody, response: { 201: Region, ...problemResponses } },
    handler: async (req, reply) => reply.code(201).send(await services.organisation.createRegion(viewerOf(req), req.body)),
  });

  app.get('/municipalities', {
    config: { permission: 'organisation:read' },
    schema: { tags, summary: 'Municipalities (a leader sees their own)', response: { 200: z.array(Municipality), ...problemResponses } },
    handler: async (req) => services.organisation.listMunicipalities(viewerOf(req)),
  });

  app.post('/municipalities', {
    config: { permission: 'admin:write' },
    schema: { tags, summary: 'Create a municipality', body: CreateMunicipalityBody, response: { 201: Municipality, ...problemResponses } },
    handler: async (req, reply) => reply.code(201).send(await services.organisation.createMunicipality(viewerOf(req), req.body)),
  });

  app.get('/municipalities/:id/units', {
    config: { permission: 'organisation:read' },
    schema: { tags, summary: "A municipality's units with staff counts", params: IdParams, response: { 200: z.array(Unit), ...problemResponses } },
    handler: async (req) => services.organisation.listUnits(viewerOf(req), req.params.id),
  });

  app.post('/municipalities/:id/units', {
    config: { permission: 'admin:write' },
    schema: { tags, summary: 'Create a unit', params: IdParams, body: CreateUnitBody, response: { 201: Unit, ...problemResponses } },
    handler: async (req, reply) => reply.code(201).send(await services.organisation.createUnit(viewerOf(req), req.params.id, req.body)),
  });

  app.patch('/units/:id', {
    config: { permission: 'admin:write' },
    schema: { tags, summary: "Rename a unit or change its staff count", params: IdParams, body: UpdateUnitBody, response: { 200: Unit, ...problemResponses } },
    handler: async (req) => services.organisation.updateUnit(viewerOf(req), req.params.id, req.body),
  });
}
