/**
 * Importing responses from a CSV file into a wave (docs/export.md, "Import"). The file is read against
 * the wave's codebook exactly as its export builds it (ExportService.context), by the pure reader in
 * src/domain/import.ts; a dry run lists every problem, a real run stores nothing unless there is none,
 * and then every row in one transaction. Imported responses are scored by the same function as web
 * submits (storedScores) and are marked `source = 'import'`.
 *
 * What an imported response does not have, and why:
 * - no receipt code and no idempotency key: nobody to give a receipt to, and a file is not retried
 *   response by response (the whole file is one transaction);
 * - no consent version: consent to a paper form is given on paper and kept by the municipality; the
 *   web consent text was never shown;
 * - a random person_id (not linked to other waves) and no link keys; no measured time unless a column
 *   gives one.
 */
import { IMPORT_MAX_BYTES, type ImportTargets } from '../../contracts/import.js';
import { readImport, templateCsv, type FixedValues, type ImportForm, type ImportReading, type ImportTarget } from '../../domain/import.js';
import { SCORING_VERSION, storedScores } from '../../domain/scoring.js';
import { osloDate, type Clock } from '../adapters/clock.js';
import { AppError, Conflict, NotFound } from '../errors.js';
import type { ImportRepository, ImportWave } from '../repositories/import.repository.js';
import { assertProjectAccess, type Viewer } from './access.js';
import type { ExportService } from './export.service.js';

export interface ImportOutcome {
  reading: ImportReading;
  /** Responses stored (0 on a dry run or when the file has problems). */
  imported: number;
}

/** A file name part from a wave label: ASCII letters, digits and dashes. */
const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || 'wave';

export class ImportService {
  constructor(
    private readonly repo: ImportRepository,
    private readonly exports: ExportService,
    private readonly clock: Clock,
  ) {}

  /** The project's waves and municipalities with their units, for choosing what to import into. */
  async targets(viewer: Viewer, projectId: string): Promise<ImportTargets> {
    assertProjectAccess(viewer, projectId);
    const [waves, municipalities] = await Promise.all([this.repo.waves(projectId), this.repo.municipalities(projectId)]);
    return {
      waves: waves.map((w) => ({ id: w.id, label: w.label, instrument: `${w.instrumentId} ${w.instrumentVersion}` })),
      municipalities: municipalities.map((m) => ({ ssbCode: m.ssbCode, name: m.name, units: m.units.map((u) => u.name) })),
    };
  }

  /** The header row to type responses under (UTF-8 with BOM, CRLF), named after the wave. */
  async template(viewer: Viewer, waveId: string): Promise<{ filename: string; csv: string }> {
    const wave = await this.waveFor(viewer, waveId);
    const { target } = await this.target(wave);
    return { filename: `digikompass-import-${slug(wave.label)}.csv`, csv: templateCsv(target.codebook, target.forms) };
  }

  /**
   * Reads a file (null: not UTF-8; undefined: no CSV body at all) against the wave. A dry run only
   * reads; a real run stores every row in one transaction when there is no problem, else nothing.
   */
  async import(viewer: Viewer, waveId: string, text: string | null | undefined, fixed: FixedValues, dryRun: boolean): Promise<ImportOutcome> {
    const wave = await this.waveFor(viewer, waveId);
    if (text === undefined) throw new AppError(415, 'import_csv_expected', { megabytes: IMPORT_MAX_BYTES / 1024 / 1024 });
    // Free text is removed when a project's data are made anonymous; an import must not bring it back.
    if (wave.projectAnonymisedAt !== null) throw new Conflict('import_project_anonymised');
    const { target } = await this.target(wave);
    const reading = readImport(text, target, fixed);
    if (dryRun || reading.problemCount > 0) return { reading, imported: 0 };

    const imported = await this.repo.insertAll(
      wave.id,
      reading.responses.map((r) => ({
        municipalityId: r.municipalityId,
        unitId: r.unitId,
        instrumentId: r.instrument.id,
        instrumentVersion: r.instrument.version,
        form: r.instrument.form,
        answers: JSON.stringify(r.answers),
        submittedOn: r.submittedOn,
        language: r.language,
        activeMinutes: r.activeMinutes,
        scoringVersion: SCORING_VERSION,
        scores: storedScores(r.instrument, r.answers),
      })),
      { at: this.clock.now(), accountId: viewer.accountId, role: viewer.role, projectId: wave.projectId },
    );
    return { reading, imported };
  }

  /** The wave, when the viewer may reach its project (else 404, as for a wave that does not exist). */
  private async waveFor(viewer: Viewer, waveId: string): Promise<ImportWave> {
    const wave = await this.repo.wave(waveId);
    if (!wave) throw new NotFound('wave_not_found');
    try {
      assertProjectAccess(viewer, wave.projectId);
    } catch {
      throw new NotFound('wave_not_found');
    }
    return wave;
  }

  private async target(wave: ImportWave): Promise<{ target: ImportTarget }> {
    const today = osloDate(this.clock.now());
    const [context, municipalities] = await Promise.all([
      this.exports.context(wave.projectId, [wave], { projectName: '', waves: [wave.label], createdOn: today, language: 'nb' }),
      this.repo.municipalities(wave.projectId),
    ]);
    // The wave's questionnaires, its own first (the codebook lists each once, in that order).
    const forms: ImportForm[] = context.codebook.instruments.map((i) => ({ id: i.id, version: i.version, form: i.form }));
    return {
      target: {
        codebook: context.codebook,
        forms,
        served: (municipalityId, form) => context.served({ waveId: wave.id, municipalityId: municipalityId ?? '', instrumentId: form.id, instrumentVersion: form.version }),
        municipalities,
        today,
      },
    };
  }
}
