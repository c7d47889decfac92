/**
 * Results reports for printing and sharing: a PDF and an XLSX workbook of the viewer's frozen release
 * (services/report.service.ts). The same viewers and the same rules as GET /waves/:waveId/release; 409 until
 * the wave is released. The accessible version of the same figures is the results page.
 */
import { z } from 'zod';
import { languageOf } from '../i18n.js';
import type { ReportFormat } from '../services/report.service.js';
import { problemResponses, viewerOf, type App, type RouteDeps } from './route-context.js';

const tags = ['results'];
const WaveParams = z.object({ waveId: z.uuid() });
const ReportQuery = z.object({
  municipalityId: z.uuid().optional(),
  regionId: z.uuid().optional(),
  /** The report's language; default: the municipality's language, else the viewer's. */
  lang: z.enum(['nb', 'nn', 'en']).optional(),
});

export function reportRoutes(app: App, { services }: RouteDeps): void {
  for (const format of ['pdf', 'xlsx'] as const satisfies readonly ReportFormat[]) {
    app.get(`/waves/:waveId/report.${format}`, {
      config: { permission: 'results:read' },
      schema: {
        tags,
        summary:
          format === 'pdf'
            ? "The wave's results as a PDF report (title page, method note, scores with CIs, levels, items, technologies, change), from the frozen release"
            : 'The same tables as an XLSX workbook: a Method sheet and one sheet per part',
        params: WaveParams,
        querystring: ReportQuery,
        produces: [format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 200: z.unknown().describe(format === 'pdf' ? 'The PDF report' : 'The XLSX workbook'), ...problemResponses },
      },
      handler: async (req, reply) => {
        const file = await services.reports.render(viewerOf(req), req.params.waveId, req.query, format, languageOf(req));
        return reply
          .header('cache-control', 'private, no-store')
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .header('content-language', file.language)
          .type(file.contentType)
          .send(file.body);
      },
    });
  }
}
