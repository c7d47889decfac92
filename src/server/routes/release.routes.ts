/** The frozen release of a wave (docs/disclosure.md): the one source of leaders', unit leaders' and region coordinators' results. */
import { z } from 'zod';
import { ReleaseQueued, ReleaseRequest, ReleaseView } from '../../contracts/release.js';
import { problemResponses, viewerOf, type App, type RouteDeps } from './route-context.js';

const tags = ['results'];
const WaveParams = z.object({ waveId: z.uuid() });
const ViewQuery = z.object({ municipalityId: z.uuid().optional(), regionId: z.uuid().optional(), lang: z.string().optional() });

export function releaseRoutes(app: App, { services }: RouteDeps): void {
  app.get('/waves/:waveId/release', {
    config: { permission: 'results:read' },
    schema: {
      tags,
      summary:
        "The wave's frozen, protected results for the viewer's municipality (unit leader: their unit and the municipality total) or region, with benchmarks of other municipalities and the previous wave's release",
      params: WaveParams,
      querystring: ViewQuery,
      response: { 200: ReleaseView, ...problemResponses },
    },
    handler: async (req, reply) => {
      const body = await services.releases.view(viewerOf(req), req.params.waveId, req.query);
      // Stored JSON spliced into the envelope: sent as it is.
      return reply.header('cache-control', 'private, no-store').type('application/json; charset=utf-8').send(body as unknown as ReleaseView);
    },
  });

  app.post('/waves/:waveId/release', {
    config: { permission: 'admin:write' },
    schema: {
      tags,
      summary: "Release one municipality's results before the wave closes (once; at least k responses). Built in the background.",
      params: WaveParams,
      body: ReleaseRequest,
      response: { 202: ReleaseQueued, ...problemResponses },
    },
    handler: async (req, reply) => {
      await services.releases.requestEarly(viewerOf(req), req.params.waveId, req.body.municipalityId);
      services.jobs.kick();
      return reply.code(202).send({ queued: true });
    },
  });
}
