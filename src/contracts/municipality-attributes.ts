/**
 * HTTP shapes of municipality attributes (issue 6, breakdowns like national surveys): population with its
 * year, county, SSB centrality class and the derived size class; the SSB-style CSV import's dry run and
 * result. The rules live in src/domain/municipality-attributes.ts.
 */
import { z } from 'zod';
import { ATTRIBUTE_FIELDS, MAX_POPULATION, SIZE_CLASSES } from '../domain/municipality-attributes.js';

const Uuid = z.uuid();

export const SizeClass = z.enum(SIZE_CLASSES);
export type SizeClass = z.infer<typeof SizeClass>;
export const AttributeField = z.enum(ATTRIBUTE_FIELDS);

/** What the platform admin writes (PUT replaces all five; null: not known). */
export const MunicipalityAttributesBody = z
  .object({
    population: z.number().int().min(0).max(MAX_POPULATION).nullable(),
    /** The year the population was counted (SSB: 1 January). */
    populationYear: z.number().int().min(1900).max(2100).nullable(),
    /** The county (fylke) number, two digits, e.g. "33" Buskerud. */
    countyCode: z.string().regex(/^\d{2}$/).nullable(),
    /** Filled from the county number when left out. */
    countyName: z.string().trim().min(1).max(100).nullable().optional(),
    /** SSB centrality class: 1 the most central … 6 the least central. */
    centrality: z.number().int().min(1).max(6).nullable(),
  })
  .strict();
export type MunicipalityAttributesBody = z.infer<typeof MunicipalityAttributesBody>;

export const MunicipalityAttributes = z.object({
  population: z.number().int().nullable(),
  populationYear: z.number().int().nullable(),
  countyCode: z.string().nullable(),
  countyName: z.string().nullable(),
  centrality: z.number().int().min(1).max(6).nullable(),
});
export type MunicipalityAttributes = z.infer<typeof MunicipalityAttributes>;

/** A municipality's attributes as shown: with the size class derived from the population. */
export const MunicipalityAttributesView = MunicipalityAttributes.extend({
  sizeClass: SizeClass.nullable(),
  /** When the admin or an import last changed them; null: never. */
  updatedAt: z.string().nullable(),
});
export type MunicipalityAttributesView = z.infer<typeof MunicipalityAttributesView>;

export const AttributeImportQuery = z.object({
  /** true (the default): only say what would change. false: apply, and only when the file has no problems. */
  dryRun: z.enum(['true', 'false']).default('true'),
});

export const AttributeImportProblem = z.object({
  /** The file's line; null for the whole file. */
  line: z.number().int().nullable(),
  /** The column's header as written in the file. */
  column: z.string().nullable(),
  /** A code from src/domain/municipality-attributes.ts (CsvProblemCode). */
  code: z.string(),
  value: z.string().nullable(),
  /** The problem in the caller's language. */
  message: z.string(),
});
export type AttributeImportProblem = z.infer<typeof AttributeImportProblem>;

export const AttributeImportChange = z.object({
  line: z.number().int(),
  municipalityId: Uuid,
  ssbCode: z.string(),
  /** The code in the file: an earlier one when matchedBy is earlier_code (municipality_code_history). */
  fileCode: z.string(),
  name: z.string(),
  matchedBy: z.enum(['current_code', 'earlier_code']),
  before: MunicipalityAttributes,
  after: MunicipalityAttributes,
  changed: z.array(AttributeField),
});
export type AttributeImportChange = z.infer<typeof AttributeImportChange>;

export const AttributeImportResult = z.object({
  dryRun: z.boolean(),
  /** True once the changes are stored (never on a dry run or with problems). */
  applied: z.boolean(),
  encoding: z.string(),
  delimiter: z.string(),
  /** Which of the file's columns was read as what. */
  columns: z.record(z.string(), z.string()),
  /** Municipality rows read. */
  rows: z.number().int(),
  /** Lines passed over: the country's and counties' totals of a StatBank table, notes. */
  skippedLines: z.array(z.number().int()),
  /** Rows that would change nothing. */
  unchanged: z.number().int(),
  problems: z.array(AttributeImportProblem),
  changes: z.array(AttributeImportChange),
});
export type AttributeImportResult = z.infer<typeof AttributeImportResult>;
