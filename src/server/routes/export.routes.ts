/** The research export of a project: a ZIP streamed while it is made (docs/export.md). */
import { z } from 'zod';
import { Language } from '../../contracts/instrument.js';
import { IdParams, problemResponses, viewerOf, type App, type RouteDeps } from './route-context.js';

const ExportQuery = z.object({
  /** One wave of the project; without it, every wave. */
  waveId: z.uuid().optional(),
  /** Language of the labels in the codebook and the SPSS, Stata and R files. */
  language: Language.default('nb'),
});

/** Response header with the number of responses in the export, for the progress indicator. */
export const EXPORT_ROWS_HEADER = 'x-export-rows';

export function exportRoutes(app: App, { services }: RouteDeps): void {
  app.get('/projects/:id/export', {
    config: { permission: 'research:export' },
    schema: {
      tags: ['research'],
      summary: 'Export bundle (ZIP): data.csv, data.xlsx, codebook (HTML, JSON), SPSS, Stata and R syntax; streamed, without Content-Length',
      params: IdParams,
      querystring: ExportQuery,
      produces: ['application/zip'],
      response: { 200: z.unknown().describe('The ZIP archive'), ...problemResponses },
    },
    handler: async (req, reply) => {
      const started = await services.exports.start(viewerOf(req), req.params.id, { waveId: req.query.waveId, language: req.query.language });
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${started.filename}"`)
        .header('cache-control', 'private, no-store')
        .header(EXPORT_ROWS_HEADER, String(started.rows))
        .send(started.stream);
    },
  });
}
