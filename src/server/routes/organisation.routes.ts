/** Regions, municipalities and units. */
import { z } from 'zod';
import {
  BenchmarkChoice,
  BenchmarkChoiceBody,
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

  app.get('/municipalities/:id/benchmarks', {
    config: { permission: 'organisation:read' },
    schema: { tags, summary: "Per project: whether the municipality's answers count in region and national benchmarks", params: IdParams, response: { 200: z.array(BenchmarkChoice), ...problemResponses } },
    handler: async (req) => services.organisation.benchmarkChoices(viewerOf(req), req.params.id),
  });

  app.put('/municipalities/:id/benchmarks/:projectId', {
    config: { permission: 'benchmark:write' },
    schema: {
      tags,
      summary: 'Opt the municipality in or out of a project’s region and national benchmarks (audited)',
      params: z.object({ id: z.uuid(), projectId: z.uuid() }),
      body: BenchmarkChoiceBody,
      response: { 200: BenchmarkChoice, ...problemResponses },
    },
    handler: async (req) => services.organisation.setBenchmarkOptIn(viewerOf(req), req.params.id, req.params.projectId, req.body.optIn),
  });

  app.patch('/units/:id', {
    config: { permission: 'admin:write' },
    schema: { tags, summary: "Rename a unit or change its staff count", params: IdParams, body: UpdateUnitBody, response: { 200: Unit, ...problemResponses } },
    handler: async (req) => services.organisation.updateUnit(viewerOf(req), req.params.id, req.body),
  });
}
