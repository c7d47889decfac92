/**
 * Municipality attributes: whoever may see a municipality reads them; the platform admin writes them one
 * by one or imports an SSB-style CSV file (dry run first; a real run stores all changes in one transaction,
 * and only when the file has no problems). Audited.
 */
import type { AttributeImportChange, MunicipalityAttributesBody, MunicipalityAttributesView } from '../../contracts/municipality-attributes.js';
import {
  changedFields,
  parseAttributesCsv,
  planAttributeImport,
  validateAttributes,
  withCountyName,
  type CsvProblem,
  type MunicipalityAttributes,
} from '../../domain/municipality-attributes.js';
import type { Clock } from '../adapters/clock.js';
import { AppError, NotFound, ValidationFailed, type FieldIssue } from '../errors.js';
import type { MessageCode } from '../i18n.js';
import { attributesOf, attributesViewOf, type MunicipalityAttributesRepository, type NamedBreakdownMunicipality } from '../repositories/municipality-attributes.repository.js';
import type { OrganisationRepository } from '../repositories/organisation.repository.js';
import { scopeOf, type Viewer } from './access.js';
import type { AuditService } from './audit.service.js';

/** The message of a domain problem code (src/server/i18n.ts). */
export function problemMessageCode(code: string): MessageCode {
  return `attributes_${code}` as MessageCode;
}

export interface AttributeImportOutcome {
  dryRun: boolean;
  applied: boolean;
  encoding: string;
  delimiter: string;
  columns: Record<string, string>;
  rows: number;
  skippedLines: number[];
  unchanged: number;
  problems: CsvProblem[];
  changes: AttributeImportChange[];
}

export class MunicipalityAttributesService {
  constructor(
    private readonly repo: MunicipalityAttributesRepository,
    private readonly organisation: OrganisationRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Anyone who may see the municipality (another tenant's: 404). */
  async get(viewer: Viewer, municipalityId: string): Promise<MunicipalityAttributesView> {
    if (!(await this.organisation.getMunicipality(scopeOf(viewer), municipalityId))) throw new NotFound();
    const row = await this.repo.get(municipalityId);
    if (!row) throw new NotFound();
    return attributesViewOf(row);
  }

  async update(viewer: Viewer, municipalityId: string, body: MunicipalityAttributesBody): Promise<MunicipalityAttributesView> {
    if (!(await this.organisation.getMunicipality(scopeOf(viewer), municipalityId))) throw new NotFound();
    const before = await this.repo.get(municipalityId);
    if (!before) throw new NotFound();
    const after = withCountyName({
      population: body.population,
      populationYear: body.populationYear,
      countyCode: body.countyCode,
      countyName: body.countyName ?? null,
      centrality: body.centrality as MunicipalityAttributes['centrality'],
    });
    const problems = validateAttributes(after);
    if (problems.length > 0) throw new ValidationFailed(problems.map((p) => ({ path: p.field, code: problemMessageCode(p.code) })));
    const changed = changedFields(attributesOf(before), after);
    if (changed.length === 0) return attributesViewOf(before);
    const row = await this.repo.update(municipalityId, after, this.clock.now());
    if (!row) throw new NotFound();
    await this.audit.record(viewer, 'municipality.attributes.update', { type: 'municipality', id: municipalityId, municipalityId }, { changed, before: attributesOf(before), after });
    return attributesViewOf(row);
  }

  /**
   * An SSB-style CSV file: what it would change per municipality (matched by SSB code, also an earlier
   * one) and its problems. With dryRun false and no problems, stores every change in one transaction with
   * one audit line; with problems, stores nothing (422 listing them).
   */
  async importCsv(viewer: Viewer, file: Uint8Array, dryRun: boolean): Promise<AttributeImportOutcome> {
    const csv = parseAttributesCsv(file);
    const [stored, history] = await Promise.all([this.repo.stored(), this.repo.codeHistory()]);
    const plan = planAttributeImport(csv, stored, history);
    const outcome: AttributeImportOutcome = {
      dryRun,
      applied: false,
      encoding: csv.encoding,
      delimiter: csv.delimiter === '\t' ? 'tab' : csv.delimiter,
      columns: { ...csv.columns },
      rows: csv.rows.length,
      skippedLines: csv.skippedLines,
      unchanged: plan.unchanged,
      problems: plan.problems,
      changes: plan.changes,
    };
    if (dryRun) return outcome;
    if (plan.problems.length > 0) {
      const issues: FieldIssue[] = plan.problems.map((p) => ({
        path: p.line === null ? 'file' : `line ${p.line}${p.column ? `, ${p.column}` : ''}`,
        code: problemMessageCode(p.code),
      }));
      throw new AppError(422, 'attributes_import_has_problems', {}, issues);
    }
    const now = this.clock.now();
    await this.repo.applyImport(plan.changes, now, {
      at: now,
      actorAccountId: viewer.accountId,
      actorRole: viewer.role,
      action: 'municipality.attributes.import',
      objectType: 'municipality',
      objectId: null,
      municipalityId: null,
      details: {
        rows: csv.rows.length,
        changed: plan.changes.map((c) => ({ ssbCode: c.ssbCode, fileCode: c.fileCode, fields: c.changed })),
        unchanged: plan.unchanged,
        encoding: csv.encoding,
      },
    });
    return { ...outcome, applied: true };
  }

  /** Every municipality (or the ones named) with what breakdowns by size class, county, region and centrality need. */
  breakdownMunicipalities(ids?: readonly string[]): Promise<NamedBreakdownMunicipality[]> {
    return this.repo.breakdownMunicipalities(ids);
  }
}
