/** Projects and the questionnaire versions waves can use. */
import { z } from 'zod';
import { ConsentText, ConsentTextBody, CreateProjectBody, InstrumentVersion, Project } from '../../contracts/api.js';
import { IdParams, problemResponses, viewerOf, type App, type RouteDeps } from './route-context.js';

export function projectRoutes(app: App, { services }: RouteDeps): void {
  app.get('/projects', {
    config: { permission: 'organisation:read' },
    schema: { tags: ['projects'], summary: 'Projects (a leader sees those their municipality takes part in)', response: { 200: z.array(Project), ...problemResponses } },
    handler: async (req) => services.projects.list(viewerOf(req)),
  });

  app.post('/projects', {
    config: { permission: 'admin:write' },
    schema: { tags: ['projects'], summary: 'Create a project (with consent text version 1)', body: CreateProjectBody, response: { 201: Project, ...problemResponses } },
    handler: async (req, reply) => reply.code(201).send(await services.projects.create(viewerOf(req), req.body)),
  });

  app.get('/projects/:id/consent', {
    config: { permission: 'organisation:read' },
    schema: { tags: ['projects'], summary: 'Every version of the information and consent texts', params: IdParams, response: { 200: z.array(ConsentText), ...problemResponses } },
    handler: async (req) => services.projects.consentVersions(viewerOf(req), req.params.id),
  });

  app.post('/projects/:id/consent', {
    config: { permission: 'admin:write' },
    schema: {
      tags: ['projects'],
      summary: 'A new version of the information and consent texts (new answers must accept it)',
      params: IdParams,
      body: ConsentTextBody,
      response: { 201: ConsentText, ...problemResponses },
    },
    handler: async (req, reply) => reply.code(201).send(await services.projects.addConsentVersion(viewerOf(req), req.params.id, req.body)),
  });

  app.get('/instruments', {
    config: { permission: 'organisation:read' },
    schema: { tags: ['instruments'], summary: 'Questionnaire versions', response: { 200: z.array(InstrumentVersion), ...problemResponses } },
    handler: async () => services.instruments.list(),
  });
}
