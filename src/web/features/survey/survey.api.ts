// Respondent calls. No cookies and no account: the link token in the path is the capability.
import type { z } from 'zod';
import type {
  DraftCreated,
  DraftState,
  SaveDraftBody,
  StartDraftBody,
  SubmitBody,
  SubmitResult,
  SurveyInfo,
} from '../../../contracts/api.js';
import type { Language } from '../../../contracts/instrument.js';
import { api, seg, type RequestOptions } from '../../api.js';

const base = (token: string) => `/survey/${seg(token)}`;

export const fetchSurvey = (token: string) => api.get<SurveyInfo>(base(token));

export const declineSurvey = (token: string, language: Language) => api.post<undefined>(`${base(token)}/decline`, { language });

export const createDraft = (token: string, body: z.infer<typeof StartDraftBody>) =>
  api.post<DraftCreated>(`${base(token)}/drafts`, body);

export const saveDraft = (token: string, draftId: string, body: z.infer<typeof SaveDraftBody>, options?: RequestOptions) =>
  api.put<{ savedAt: string }>(`${base(token)}/drafts/${seg(draftId)}`, body, options);

export const resumeWithCode = (token: string, resumeCode: string) =>
  api.post<DraftState>(`${base(token)}/resume`, { resumeCode });

export const submitResponse = (token: string, body: SubmitBody) => api.post<SubmitResult>(`${base(token)}/responses`, body);

/** 204 when the code is the receipt of an answer in an earlier wave of the same project and municipality; 404 otherwise. */
export const checkEarlierReceipt = (token: string, receiptCode: string) =>
  api.post<undefined>(`${base(token)}/earlier-receipt`, { receiptCode });
