/**
 * Receipts and linking. Respondents (no account) check an earlier wave's receipt code, see their own answers
 * and withdraw them with the receipt code; the platform admin sees how many answers were linked across waves
 * by each method and runs the matching of self-generated codes.
 */
import { z } from 'zod';
import { EarlierReceiptBody, LinkingStats, ReceiptBody, ReceiptSummary, Withdrawn } from '../../contracts/api.js';
import { scopeOf } from '../services/access.js';
import { IdParams, problemResponses, viewerOf, type App, type RouteDeps } from './route-context.js';

const TokenParams = z.object({ token: z.string().min(1).max(200) });

export function receiptRoutes(app: App, { services }: RouteDeps): void {
  const { participation, survey } = services;

  app.post('/survey/:token/earlier-receipt', {
    config: { permission: 'public' },
    schema: {
      tags: ['survey'],
      summary: "Check that a receipt code belongs to an answer in an earlier wave (204) before linking to it",
      params: TokenParams,
      body: EarlierReceiptBody,
      response: { 204: z.null(), ...problemResponses },
    },
    handler: async (req, reply) => {
      await participation.checkEarlierReceipt(await survey.link(req.params.token), req.body.receiptCode);
      return reply.code(204).send(null);
    },
  });

  app.post('/receipts/lookup', {
    config: { permission: 'public' },
    schema: { tags: ['receipts'], summary: 'See one’s own answers with the receipt code', body: ReceiptBody, response: { 200: ReceiptSummary, ...problemResponses } },
    handler: async (req) => participation.lookup(req.body.receiptCode, req.ip),
  });

  app.post('/receipts/withdraw', {
    config: { permission: 'public' },
    schema: {
      tags: ['receipts'],
      summary: 'Withdraw: delete the answers of this receipt and of every wave linked to it',
      body: ReceiptBody,
      response: { 200: Withdrawn, ...problemResponses },
    },
    handler: async (req) => participation.withdraw(req.body.receiptCode, req.ip),
  });

  app.get('/waves/:id/linking', {
    config: { permission: 'admin:read' },
    schema: { tags: ['waves'], summary: 'How many answers were linked to the earlier wave, by method', params: IdParams, response: { 200: LinkingStats, ...problemResponses } },
    handler: async (req) => participation.stats(scopeOf(viewerOf(req)), req.params.id),
  });

  app.post('/waves/:id/linking/match', {
    config: { permission: 'admin:write' },
    schema: { tags: ['waves'], summary: 'Match self-generated codes against the earlier wave now', params: IdParams, response: { 200: LinkingStats, ...problemResponses } },
    handler: async (req) => participation.matchWave(viewerOf(req), req.params.id),
  });
}
