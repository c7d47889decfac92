/**
 * The researcher's statistics views (research:read: platform admin any project, researcher their own;
 * never leaders): the projects one may study, psychometrics, change between waves and the sample
 * description (JSON, or CSV with ?format=csv). Each read of a view is audited by the service.
 */
import { z } from 'zod';
import { Language } from '../../contracts/instrument.js';
import { Change, ChangeQuery, Psychometrics, PsychometricsQuery, ResearchProjects, SampleDescription, SampleDescriptionQuery } from '../../contracts/research.js';
import { languageOf } from '../i18n.js';
import { IdParams, problemResponses, viewerOf, type App, type RouteDeps } from './route-context.js';

const tags = ['research'];

export function researchRoutes(app: App, { services }: RouteDeps): void {
  app.get('/research/projects', {
    config: { permission: 'research:read' },
    schema: { tags, summary: 'Projects the viewer may study (platform admin: all; researcher: their own), with their waves', response: { 200: ResearchProjects, ...problemResponses } },
    handler: async (req, reply) => {
      reply.header('cache-control', 'private, no-store');
      return services.research.projects(viewerOf(req));
    },
  });

  app.get('/projects/:id/psychometrics', {
    config: { permission: 'research:read' },
    schema: {
      tags,
      summary: "Per scale and form: item and score descriptives, Cronbach's alpha (Feldt CI), omega total (one-factor ML), item-rest r, alpha if deleted; pairwise and complete cases",
      params: IdParams,
      querystring: PsychometricsQuery,
      response: { 200: Psychometrics, ...problemResponses },
    },
    handler: async (req, reply) => {
      reply.header('cache-control', 'private, no-store');
      return services.research.psychometrics(viewerOf(req), req.params.id, req.query.waveId);
    },
  });

  app.get('/projects/:id/change', {
    config: { permission: 'research:read' },
    schema: {
      tags,
      summary: "Change per scale from one wave to another: linked pairs (paired t, Wilcoxon signed-rank, d_z) and all respondents (Welch t, Mann-Whitney, Hedges' g), by group where k allows",
      params: IdParams,
      querystring: ChangeQuery,
      response: { 200: Change, ...problemResponses },
    },
    handler: async (req, reply) => {
      reply.header('cache-control', 'private, no-store');
      return services.research.change(viewerOf(req), req.params.id, req.query);
    },
  });

  app.get('/projects/:id/sample-description', {
    config: { permission: 'research:read' },
    schema: {
      tags,
      summary: 'Sample description (Table 1): per municipality and group, n, numeric background variables as mean (min | max) or median (P25-P75), categorical ones n (%); ?format=csv for a CSV file (UTF-8 with BOM, plain numbers)',
      params: IdParams,
      querystring: SampleDescriptionQuery.extend({ language: Language.optional() }),
      produces: ['application/json', 'text/csv'],
      response: { 200: SampleDescription.or(z.string().describe('CSV (format=csv)')), ...problemResponses },
    },
    handler: async (req, reply) => {
      reply.header('cache-control', 'private, no-store');
      const { format, language, ...query } = req.query;
      if (format === 'csv') {
        const file = await services.research.sampleDescriptionCsv(viewerOf(req), req.params.id, query, language ?? languageOf(req));
        return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file.filename}"`).send(file.body);
      }
      return services.research.sampleDescription(viewerOf(req), req.params.id, { ...query, format });
    },
  });
}
