/**
 * Municipality attributes: read (whoever may see the municipality), write (platform admin), and import
 * from an SSB-style CSV file sent as the request body (text/csv, the file's own bytes so that its encoding
 * can be detected). In a plugin of its own so that its CSV body parser reaches only these routes.
 */
import {
  AttributeImportQuery,
  AttributeImportResult,
  MunicipalityAttributesBody,
  MunicipalityAttributesView,
} from '../../contracts/municipality-attributes.js';
import { AppError } from '../errors.js';
import { languageOf, translate } from '../i18n.js';
import { problemMessageCode } from '../services/municipality-attributes.service.js';
import { IdParams, problemResponses, viewerOf, type App, type RouteDeps } from './route-context.js';

const tags = ['organisation'];

/** Largest CSV file: all of Norway's municipalities take about 20 kB. */
const CSV_LIMIT = 2 * 1024 * 1024;

export function municipalityAttributeRoutes(app: App, { services }: RouteDeps): void {
  void app.register(async (scope: App) => {
    // Spreadsheet programs and browsers name CSV files in several ways; the bytes are read as they are.
    scope.removeContentTypeParser('text/plain');
    scope.addContentTypeParser(['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel'], { parseAs: 'buffer', bodyLimit: CSV_LIMIT }, (_req, body, done) =>
      done(null, body),
    );

    scope.get('/municipalities/:id/attributes', {
      config: { permission: 'organisation:read' },
      schema: {
        tags,
        summary: "A municipality's population, county, centrality class and size class",
        params: IdParams,
        response: { 200: MunicipalityAttributesView, ...problemResponses },
      },
      handler: async (req) => services.municipalityAttributes.get(viewerOf(req), req.params.id),
    });

    scope.put('/municipalities/:id/attributes', {
      config: { permission: 'admin:write' },
      schema: {
        tags,
        summary: "Set a municipality's attributes (audited); null: not known",
        params: IdParams,
        body: MunicipalityAttributesBody,
        response: { 200: MunicipalityAttributesView, ...problemResponses },
      },
      handler: async (req) => services.municipalityAttributes.update(viewerOf(req), req.params.id, req.body),
    });

    scope.post('/municipalities/attributes/import', {
      config: { permission: 'admin:write' },
      schema: {
        tags,
        summary:
          'Import attributes from an SSB-style CSV file (body text/csv; ; , or tab; UTF-8 or Windows-1252). dryRun=true (default) lists problems and changes; dryRun=false applies all in one transaction, or nothing when the file has a problem (422 listing them; audited)',
        querystring: AttributeImportQuery,
        consumes: ['text/csv'],
        response: { 200: AttributeImportResult, ...problemResponses },
      },
      handler: async (req) => {
        if (!(req.body instanceof Uint8Array)) throw new AppError(415, 'attributes_send_csv');
        const bytes = req.body;
        const outcome = await services.municipalityAttributes.importCsv(viewerOf(req), bytes, req.query.dryRun === 'true');
        const lang = languageOf(req);
        return {
          ...outcome,
          problems: outcome.problems.map((p) => ({
            line: p.line,
            column: p.column,
            code: p.code,
            value: p.value ?? null,
            message: translate(lang, problemMessageCode(p.code)),
          })),
        };
      },
    });
  });
}
