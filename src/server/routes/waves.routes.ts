/** Waves, survey links and their QR codes. */
import { z } from 'zod';
import { CreateSurveyLinkBody, CreateWaveBody, SurveyLink, Wave } from '../../contracts/api.js';
import { IdParams, problemResponses, viewerOf, type App, type RouteDeps } from './route-context.js';

const tags = ['waves'];

export function waveRoutes(app: App, { services }: RouteDeps): void {
  app.get('/waves', {
    config: { permission: 'organisation:read' },
    schema: { tags, summary: 'Waves (a leader sees those of their projects)', response: { 200: z.array(Wave), ...problemResponses } },
    handler: async (req) => services.waves.list(viewerOf(req)),
  });

  app.post('/waves', {
    config: { permission: 'admin:write' },
    schema: { tags, summary: 'Create a wave', body: CreateWaveBody, response: { 201: Wave, ...problemResponses } },
    handler: async (req, reply) => reply.code(201).send(await services.waves.create(viewerOf(req), req.body)),
  });

  app.get('/waves/:id', {
    config: { permission: 'organisation:read' },
    schema: { tags, summary: 'One wave', params: IdParams, response: { 200: Wave, ...problemResponses } },
    handler: async (req) => services.waves.get(viewerOf(req), req.params.id),
  });

  app.get('/waves/:id/links', {
    config: { permission: 'links:read' },
    schema: { tags, summary: "A wave's survey links", params: IdParams, response: { 200: z.array(SurveyLink), ...problemResponses } },
    handler: async (req) => services.waves.listLinks(viewerOf(req), req.params.id),
  });

  app.post('/waves/:id/links', {
    config: { permission: 'admin:write' },
    schema: { tags, summary: 'Create a survey link', params: IdParams, body: CreateSurveyLinkBody, response: { 201: SurveyLink, ...problemResponses } },
    handler: async (req, reply) => reply.code(201).send(await services.waves.createLink(viewerOf(req), req.params.id, req.body)),
  });

  app.get('/links/:id/qr.svg', {
    config: { permission: 'links:read' },
    schema: { tags, summary: "A link's QR code (SVG)", params: IdParams },
    handler: async (req, reply) => {
      const svg = await services.waves.qrSvg(viewerOf(req), req.params.id);
      return reply.type('image/svg+xml').header('cache-control', 'private, max-age=300').send(svg);
    },
  });
}
