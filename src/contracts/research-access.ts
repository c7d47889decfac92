/**
 * Researcher access (issue 7): pseudonymised microdata pages and read-only API tokens for research
 * tools. The rows are the export's rows (src/domain/codebook.ts: the same variables, codes and missing
 * codes), so what a researcher previews here is what the export bundle holds.
 */
import { z } from 'zod';
import { IsoDateTime, Uuid } from './api.js';
import { Language } from './instrument.js';

/** A page of microdata: at most this many rows. */
export const MICRODATA_MAX_LIMIT = 500;

export const MicrodataQuery = z.object({
  /** One wave of the project; without it, every wave. */
  waveId: Uuid.optional(),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(MICRODATA_MAX_LIMIT).default(50),
  /** Language of the variable labels. */
  language: Language.default('nb'),
});

export const MicrodataVariable = z.object({
  /** The export's variable name (SPSS, Stata and R safe). */
  name: z.string(),
  /** Label in the language asked for. */
  label: z.string(),
  type: z.enum(['numeric', 'string', 'date']),
});

/** One response's cells in variable order: codes as in the codebook, missing codes (−9/−8/−7) as numbers, text scrubbed. */
export const MicrodataCell = z.union([z.string(), z.number(), z.null()]);
export type MicrodataCell = z.infer<typeof MicrodataCell>;

export const Microdata = z.object({
  /** Responses in the project (or wave) in all. */
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
  variables: z.array(MicrodataVariable),
  rows: z.array(z.array(MicrodataCell)),
});
export type Microdata = z.infer<typeof Microdata>;

/** Prefix of every research API token (so a leaked one is recognisable, e.g. by secret scanners). */
export const RESEARCH_TOKEN_PREFIX = 'dkr_';

/** A token as listed: never the token itself. */
export const ResearchToken = z.object({
  id: Uuid,
  projectId: Uuid,
  name: z.string(),
  /** The owner's name; the platform admin sees every token of the project, a researcher their own. */
  ownerName: z.string(),
  createdAt: IsoDateTime,
  lastUsedAt: IsoDateTime.nullable(),
  revokedAt: IsoDateTime.nullable(),
});
export type ResearchToken = z.infer<typeof ResearchToken>;

export const CreateResearchTokenBody = z.object({ name: z.string().trim().min(1).max(100) });

/** The answer to creating a token: the only time the token is shown. */
export const CreatedResearchToken = ResearchToken.extend({ token: z.string() });
export type CreatedResearchToken = z.infer<typeof CreatedResearchToken>;

export const TokenParams = z.object({ id: Uuid, tokenId: Uuid });
