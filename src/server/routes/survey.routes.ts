/** Respondent routes: no account and no cookies — the link token in the path is the capability. */
import { z } from 'zod';
import {
  DeclineBody,
  DraftCreated,
  DraftSaved,
  DraftState,
  ResumeBody,
  SaveDraftBody,
  StartDraftBody,
  SubmitBody,
  SubmitResult,
  SurveyInfo,
} from '../../contracts/api.js';
import { problemResponses, type App, type RouteDeps } from './route-context.js';

const TokenParams = z.object({ token: z.string().min(1).max(200) });
const DraftParams = TokenParams.extend({ draftId: z.uuid() });
const tags = ['survey'];
const config = { permission: 'public' } as const;

export function surveyRoutes(app: App, { services }: RouteDeps): void {
  app.get('/survey/:token', {
    config,
    schema: { tags, summary: 'What a survey link opens', params: TokenParams, response: { 200: SurveyInfo, ...problemResponses } },
    handler: async (req) => services.survey.info(req.params.token),
  });

  app.post('/survey/:token/decline', {
    config,
    schema: { tags, summary: 'Say no thanks (counted, nothing else kept)', params: TokenParams, body: DeclineBody, response: { 204: z.null(), ...problemResponses } },
    handler: async (req, reply) => {
      await services.survey.decline(req.params.token);
      return reply.code(204).send(null);
    },
  });

  app.post('/survey/:token/drafts', {
    config,
    schema: { tags, summary: 'Start a draft after consent', params: TokenParams, body: StartDraftBody, response: { 201: DraftCreated, ...problemResponses } },
    handler: async (req, reply) => reply.code(201).send(await services.survey.startDraft(req.params.token, req.body)),
  });

  app.put('/survey/:token/drafts/:draftId', {
    config,
    schema: { tags, summary: 'Save a draft (autosave)', params: DraftParams, body: SaveDraftBody, response: { 200: DraftSaved, ...problemResponses } },
    handler: async (req) => services.survey.saveDraft(req.params.token, req.params.draftId, req.body),
  });

  app.post('/survey/:token/drafts/:draftId/state', {
    config,
    schema: {
      tags,
      summary: 'Read a draft back (token in the body, not the URL)',
      params: DraftParams,
      body: z.object({ draftToken: z.string().min(16).max(200) }),
      response: { 200: DraftState, ...problemResponses },
    },
    handler: async (req) => services.survey.draftState(req.params.token, req.params.draftId, req.body.draftToken),
  });

  app.post('/survey/:token/resume', {
    config,
    schema: { tags, summary: 'Resume a shared-device draft by its code', params: TokenParams, body: ResumeBody, response: { 200: DraftState, ...problemResponses } },
    handler: async (req) => services.survey.resume(req.params.token, req.body.resumeCode),
  });

  app.post('/survey/:token/responses', {
    config,
    schema: {
      tags,
      summary: 'Submit a response (201; 200 with the same receipt when the idempotency key was already used)',
      params: TokenParams,
      body: SubmitBody,
      response: { 200: SubmitResult, 201: SubmitResult, ...problemResponses },
    },
    handler: async (req, reply) => {
      const { created, result } = await services.submit.submit(req.params.token, req.body);
      return reply.code(created ? 201 : 200).send(result);
    },
  });
}
