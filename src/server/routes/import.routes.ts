/**
 * Importing responses from a CSV file (docs/export.md, "Import"): the project's waves and municipalities
 * to import into, a template per wave, and the import itself — a dry run that lists every problem, or a
 * real run that stores every row or (422) none. The CSV body parser (and its 5 MB limit) is scoped to
 * these routes; the rest of the API still takes JSON only.
 */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IMPORT_MAX_BYTES, ImportQuery, ImportRefused, ImportResult, ImportTargets } from '../../contracts/import.js';
import type { ImportProblemCode } from '../../domain/import.js';
import { AppError } from '../errors.js';
import { languageOf, translate, type MessageCode } from '../i18n.js';
import type { ImportOutcome } from '../services/import.service.js';
import { IdParams, problemResponses, viewerOf, type App, type RouteDeps } from './route-context.js';

const tags = ['research'];
const WaveParams = z.object({ waveId: z.uuid() });
const LangQuery = z.object({ lang: z.string().optional() });

/** Content types a CSV upload arrives with (browsers on Windows name .csv files application/vnd.ms-excel). */
const CSV_TYPES = ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel'];

/** The parsed body: the text, or null when the bytes are not UTF-8. */
class CsvBody {
  constructor(readonly text: string | null) {}
}

const PROBLEM_MESSAGES: Record<ImportProblemCode, MessageCode> = {
  not_utf8: 'import_not_utf8',
  empty_file: 'import_empty_file',
  no_rows: 'import_no_rows',
  unterminated_quote: 'import_unterminated_quote',
  unknown_column: 'import_unknown_column',
  duplicate_column: 'import_duplicate_column',
  missing_column: 'import_missing_column',
  unnamed_column: 'import_unnamed_column',
  too_many_fields: 'import_too_many_fields',
  missing_value: 'import_missing_value',
  unknown_municipality: 'import_unknown_municipality',
  unknown_unit: 'import_unknown_unit',
  differs_from_fixed: 'import_differs_from_fixed',
  unknown_instrument: 'import_unknown_instrument',
  form_not_in_wave: 'import_form_not_in_wave',
  form_mismatch: 'import_form_mismatch',
  not_a_date: 'import_not_a_date',
  future_date: 'import_future_date',
  not_a_code: 'import_not_a_code',
  not_a_number: 'import_not_a_number',
  not_in_form: 'import_not_in_form',
  hidden: 'import_hidden',
  out_of_range: 'import_out_of_range',
  not_integer: 'import_not_integer',
  too_long: 'import_too_long',
  too_many: 'import_too_many',
  exclusive: 'import_exclusive',
  no_answers: 'import_no_answers',
  duplicate_row: 'import_duplicate_row',
};

function present(outcome: ImportOutcome, lang: ReturnType<typeof languageOf>): ImportResult {
  const { reading, imported } = outcome;
  return {
    rows: reading.rows,
    ok: reading.problemCount === 0,
    problems: reading.problems.map((p) => ({ row: p.row, column: p.column, code: p.code, value: p.value, message: translate(lang, PROBLEM_MESSAGES[p.code], p.params) })),
    problemCount: reading.problemCount,
    ignoredColumns: reading.ignoredColumns,
    imported,
  };
}

export function importRoutes(app: App, { services }: RouteDeps): void {
  app.get('/projects/:id/import/targets', {
    config: { permission: 'research:import' },
    schema: { tags, summary: "A project's waves and municipalities (SSB code, unit names) to import responses into", params: IdParams, response: { 200: ImportTargets, ...problemResponses } },
    handler: async (req, reply) => {
      reply.header('cache-control', 'private, no-store');
      return services.imports.targets(viewerOf(req), req.params.id);
    },
  });

  app.get('/waves/:waveId/import/template.csv', {
    config: { permission: 'research:import' },
    schema: {
      tags,
      summary: 'The header row of an import file for this wave (UTF-8 with BOM): the columns of the export’s data.csv that can be imported',
      params: WaveParams,
      querystring: LangQuery,
      produces: ['text/csv'],
      response: { 200: z.string().describe('CSV'), ...problemResponses },
    },
    handler: async (req, reply) => {
      const { filename, csv } = await services.imports.template(viewerOf(req), req.params.waveId);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'private, no-store')
        .send(csv);
    },
  });

  void app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    scope.removeContentTypeParser('text/plain');
    scope.addContentTypeParser(CSV_TYPES, { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES }, (_req, body, done) => {
      let text: string | null;
      try {
        // fatal: bytes that are not UTF-8 (an "ANSI" file from Excel) are reported, never guessed at; the BOM is dropped.
        text = new TextDecoder('utf-8', { fatal: true }).decode(body as Buffer);
      } catch {
        text = null;
      }
      done(null, new CsvBody(text));
    });
    // Too large a file gets its own message (with the limit) instead of the general one.
    scope.setErrorHandler((error: { code?: string; statusCode?: number }) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw new AppError(413, 'import_too_large', { megabytes: IMPORT_MAX_BYTES / 1024 / 1024 });
      throw error;
    });

    scope.post('/waves/:waveId/import', {
      config: { permission: 'research:import' },
      bodyLimit: IMPORT_MAX_BYTES,
      schema: {
        tags,
        summary:
          'Import responses from a CSV file (body text/csv, at most 5 MB): dryRun=true (default) lists every problem by row and column; dryRun=false stores every row in one transaction (201), or nothing when the file has a problem (422 with the problems)',
        params: WaveParams,
        querystring: ImportQuery.extend(LangQuery.shape),
        consumes: CSV_TYPES,
        response: { 200: ImportResult, 201: ImportResult, 422: ImportRefused, ...problemResponses },
      },
      handler: async (req, reply) => {
        const lang = languageOf(req);
        const body = req.body instanceof CsvBody ? req.body.text : undefined;
        const dryRun = req.query.dryRun !== 'false';
        const outcome = await services.imports.import(viewerOf(req), req.params.waveId, body, { municipalityCode: req.query.municipalityCode, unit: req.query.unit }, dryRun);
        reply.header('cache-control', 'no-store');
        const result = present(outcome, lang);
        if (dryRun) return reply.code(200).send(result);
        if (result.ok) return reply.code(201).send(result);
        const refused: ImportRefused = {
          type: 'urn:digikompass:problem:import_refused',
          title: translate(lang, 'title_422'),
          status: 422,
          detail: translate(lang, 'import_refused', { count: result.problemCount }),
          ...result,
        };
        return reply.code(422).type('application/problem+json; charset=utf-8').send(refused);
      },
    });
  });
}
