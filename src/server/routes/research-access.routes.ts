/**
 * Researcher access: pseudonymised microdata pages (research:read, audited) and the project's read-only
 * API tokens for research tools (research:tokens). Both: a researcher's own projects, any for the platform admin.
 */
import { z } from 'zod';
import { CreatedResearchToken, CreateResearchTokenBody, Microdata, MicrodataQuery, ResearchToken, TokenParams } from '../../contracts/research-access.js';
import { IdParams, problemResponses, viewerOf, type App, type RouteDeps } from './route-context.js';

const tags = ['research'];

export function researchAccessRoutes(app: App, { services }: RouteDeps): void {
  app.get('/projects/:id/microdata', {
    config: { permission: 'research:read' },
    schema: {
      tags,
      summary: 'Pseudonymised response-level rows, coded as in the export codebook, free text scrubbed (every read is audited). Also with a research API token.',
      params: IdParams,
      querystring: MicrodataQuery,
      response: { 200: Microdata, ...problemResponses },
    },
    handler: async (req, reply) => {
      const page = await services.exports.microdata(viewerOf(req), req.params.id, req.query);
      return reply.header('cache-control', 'private, no-store').send(page);
    },
  });

  app.get('/projects/:id/tokens', {
    config: { permission: 'research:tokens' },
    schema: { tags, summary: "The project's API tokens with their last use (a researcher: their own); never the token itself", params: IdParams, response: { 200: z.array(ResearchToken), ...problemResponses } },
    handler: async (req) => services.researchTokens.list(viewerOf(req), req.params.id),
  });

  app.post('/projects/:id/tokens', {
    config: { permission: 'research:tokens' },
    schema: {
      tags,
      summary: 'A new read-only API token for the project; the token (dkr_…) is in this answer only',
      params: IdParams,
      body: CreateResearchTokenBody,
      response: { 201: CreatedResearchToken, ...problemResponses },
    },
    handler: async (req, reply) => reply.code(201).header('cache-control', 'no-store').send(await services.researchTokens.create(viewerOf(req), req.params.id, req.body.name)),
  });

  app.delete('/projects/:id/tokens/:tokenId', {
    config: { permission: 'research:tokens' },
    schema: { tags, summary: 'Revoke an API token (it stops working at once)', params: TokenParams, response: { 204: z.null(), ...problemResponses } },
    handler: async (req, reply) => {
      await services.researchTokens.revoke(viewerOf(req), req.params.id, req.params.tokenId);
      return reply.code(204).send(null);
    },
  });
}
