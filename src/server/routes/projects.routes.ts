/** Projects and the questionnaire versions waves can use. */
import { z } from 'zod';
import { CreateProjectBody, InstrumentVersion, Project } from '../../contracts/api.js';
import { problemResponses, viewerOf, type App, type RouteDeps } from './route-context.js';

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

  app.get('/instruments', {
    config: { permission: 'organisation:read' },
    schema: { tags: ['instruments'], summary: 'Questionnaire versions', response: { 200: z.array(InstrumentVersion), ...problemResponses } },
    handler: async () => services.instruments.list(),
  });
}
