/**
 * Importing responses from a CSV file into a wave (docs/export.md, "Import"): what the research page
 * needs to choose a wave, the query of an import, and its answer — every problem by spreadsheet row
 * and column, with a message in the caller's language.
 */
import { z } from 'zod';
import { Problem, Uuid } from './api.js';

/** The largest file accepted (bytes). */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

/** What can be imported into in a project: its waves and the municipalities (SSB code) with their units' names. */
export const ImportTargets = z.object({
  waves: z.array(
    z.object({
      id: Uuid,
      label: z.string(),
      /** "id version" of the wave's questionnaire, as the export's instrument column writes it. */
      instrument: z.string(),
    }),
  ),
  municipalities: z.array(z.object({ ssbCode: z.string(), name: z.string(), units: z.array(z.string()) })),
});
export type ImportTargets = z.infer<typeof ImportTargets>;

export const ImportQuery = z.object({
  /** true (the default): check only, store nothing. */
  dryRun: z.enum(['true', 'false']).default('true'),
  /** The municipality (SSB code) of every row, instead of a municipality_code column. */
  municipalityCode: z.string().trim().min(1).max(10).optional(),
  /** The unit (its name) of every row, instead of a unit column. */
  unit: z.string().trim().min(1).max(200).optional(),
});
export type ImportQuery = z.infer<typeof ImportQuery>;

export const ImportProblem = z.object({
  /** 1-based, as a spreadsheet shows it: the header is row 1. */
  row: z.number().int(),
  /** The column's name as in the header; null for the whole row or file. */
  column: z.string().nullable(),
  code: z.string(),
  /** The cell as written (cut to 200 characters). */
  value: z.string().nullable(),
  /** What is wrong, in the caller's language. */
  message: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblem>;

export const ImportResult = z.object({
  /** Data rows in the file (blank lines not counted). */
  rows: z.number().int(),
  /** No problem: a real run stores every row. */
  ok: z.boolean(),
  /** The first 1,000 problems, by row. */
  problems: z.array(ImportProblem),
  /** Every problem found, also those not listed. */
  problemCount: z.number().int(),
  /** Columns the export writes but Digikompass computes (ids, scores, …): not read. */
  ignoredColumns: z.array(z.string()),
  /** Responses stored: 0 on a dry run or a refused file. */
  imported: z.number().int(),
});
export type ImportResult = z.infer<typeof ImportResult>;

/** A real run on a file with problems: 422, nothing stored. */
export const ImportRefused = Problem.extend(ImportResult.shape);
export type ImportRefused = z.infer<typeof ImportRefused>;
