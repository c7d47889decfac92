/**
 * Live participation and completion time for leaders (own municipality) and platform admins (?municipalityId=).
 * Scores and answers come only from the frozen release (release.routes.ts, docs/disclosure.md).
 */
import { z } from 'zod';
import { CompletionTimes, Participation } from '../../contracts/api.js';
import { problemResponses, viewerOf, type App, type RouteDeps } from './route-context.js';

const tags = ['results'];
const WaveParams = z.object({ waveId: z.uuid() });
const ResultsQuery = z.object({ municipalityId: z.uuid().optional(), lang: z.string().optional() });

export function resultsRoutes(app: App, { services }: RouteDeps): void {
  app.get('/waves/:waveId/participation', {
    config: { permission: 'results:read' },
    schema: { tags, summary: 'Responses against staff counts, per unit', params: WaveParams, querystring: ResultsQuery, response: { 200: Participation, ...problemResponses } },
    handler: async (req, reply) => {
      reply.header('cache-control', 'private, no-store');
      return services.results.participation(viewerOf(req), req.params.waveId, req.query.municipalityId);
    },
  });

  app.get('/waves/:waveId/completion-time', {
    config: { permission: 'results:read' },
    schema: {
      tags,
      summary: 'Median measured completion time per form (a platform admin without ?municipalityId= gets the whole wave); hidden below k responses',
      params: WaveParams,
      querystring: ResultsQuery,
      response: { 200: CompletionTimes, ...problemResponses },
    },
    handler: async (req, reply) => {
      reply.header('cache-control', 'private, no-store');
      return services.results.completionTimes(viewerOf(req), req.params.waveId, req.query.municipalityId);
    },
  });
}
