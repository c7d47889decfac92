/**
 * The research export: one ZIP, streamed while it is made, holding data.csv, data.xlsx, the codebook
 * (HTML and JSON), SPSS, Stata and R syntax and a README (docs/export.md). The codebook and the row
 * encoding are pure (src/domain/codebook.ts); this service gathers what they need, pages through the
 * responses and writes the entries one after the other, waiting whenever the client is behind, so
 * memory stays flat whatever the size.
 *
 * data.csv and data.xlsx are written in two passes over the database (a ZIP entry must be complete
 * before the next begins). The second pass reads exactly the responses the first one wrote, by id, so
 * the two files agree unless a response is withdrawn in between (then it is missing from the XLSX and
 * the README says so). Responses are read in primary-key order: random, so row order tells nothing.
 *
 * Identifiers: response_id and person_id are HMACs (server secret, per project) of the database ids,
 * so they are stable across exports of one project, differ between projects, and cannot be turned back
 * into database ids without the server secret.
 */
import type { Readable } from 'node:stream';
import type { Instrument, Language } from '../../contracts/instrument.js';
import type { Microdata } from '../../contracts/research-access.js';
import { buildCodebook, codeLabels, csvHeader, csvLine, encodeRow, type Codebook, type ExportResponse } from '../../domain/codebook.js';
import { codebookHtml, codebookJson, readmeText, type ExportFacts } from '../../domain/export-documents.js';
import { rScript, spssSyntax, stataSyntax } from '../../domain/export-syntax.js';
import { withLocalItems, type LocalItem } from '../../domain/local-items.js';
import { scrub } from '../../domain/scrub.js';
import { osloDate, type Clock } from '../adapters/clock.js';
import type { Secrets } from '../adapters/secrets.js';
import { XlsxWriter } from '../adapters/xlsx-stream.js';
import { ZipAborted, ZipStream } from '../adapters/zip-stream.js';
import { NotFound } from '../errors.js';
import type { ExportRepository, ExportRow, ExportWave } from '../repositories/export.repository.js';
import type { ProjectRepository } from '../repositories/project.repository.js';
import { assertProjectAccess, type Viewer } from './access.js';
import type { AuditService } from './audit.service.js';
import type { InstrumentService } from './instrument.service.js';
import { localNamespace } from './local-item.service.js';

/** Responses per database round trip: small enough to keep memory flat, large enough to be quick. */
export const EXPORT_PAGE_SIZE = 1000;

export interface ExportOptions {
  /** One wave, or every wave of the project. */
  waveId?: string | undefined;
  /** Language of labels in the syntax files, the HTML codebook and the README. */
  language: Language;
}

export interface StartedExport {
  filename: string;
  /** Responses in the export when it started (the progress indicator's denominator). */
  rows: number;
  stream: Readable;
  /** Resolves when the archive is complete (or rejects when it failed or the client left). */
  done: Promise<{ csvRows: number; xlsxRows: number }>;
}

/** Everything the row encoder needs, prepared once per export (the import reads files against the same). */
export interface Context {
  projectId: string;
  codebook: Codebook;
  waveIds: string[];
  wavePosition: Map<string, number>;
  municipalities: Map<string, { ssbCode: string; name: string }>;
  served: (row: Pick<ExportRow, 'waveId' | 'municipalityId' | 'instrumentId' | 'instrumentVersion'>) => Instrument;
  facts: ExportFacts;
}

/** Free text leaves only scrubbed: names, phone and national id numbers, e-mail addresses become ⟦removed⟧. */
const scrubText = (text: string): string => scrub(text).text;

/** The pass-one ids, 16 bytes each, so that pass two can read the same rows. */
class IdList {
  private readonly pages: Buffer[] = [];
  push(ids: readonly string[]): void {
    this.pages.push(Buffer.from(ids.map((id) => id.replace(/-/g, '')).join(''), 'hex'));
  }
  *chunks(): Generator<string[]> {
    for (const page of this.pages) {
      const ids: string[] = [];
      for (let at = 0; at < page.length; at += 16) {
        const hex = page.toString('hex', at, at + 16);
        ids.push(`${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`);
      }
      yield ids;
    }
  }
}

/** A page read ahead: awaited later, but never an unhandled rejection if the export stops first. */
function prefetch<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** ASCII for a file name: æ → ae, ø → o, å → a, anything else odd → -. */
const fileSlug = (text: string) =>
  text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 40)
    .replace(/^-+|-+$/g, '') || 'x';

export class ExportService {
  constructor(
    private readonly repo: ExportRepository,
    private readonly projects: ProjectRepository,
    private readonly instruments: InstrumentService,
    private readonly audit: AuditService,
    private readonly secrets: Secrets,
    private readonly clock: Clock,
    private readonly options: { log?: (message: string, error?: unknown) => void; pageSize?: number } = {},
  ) {}

  /**
   * Checks the request, writes the audit line and starts streaming. Errors before the first byte
   * (unknown project or wave) are thrown as usual; later ones cut the stream.
   */
  async start(viewer: Viewer, projectId: string, options: ExportOptions): Promise<StartedExport> {
    assertProjectAccess(viewer, projectId);
    const project = await this.projects.get(projectId);
    if (!project) throw new NotFound();
    const allWaves = await this.repo.waves(projectId);
    const waves = options.waveId === undefined ? allWaves : allWaves.filter((w) => w.id === options.waveId);
    if (waves.length === 0) throw new NotFound('wave_not_found');

    const now = this.clock.now();
    const createdOn = osloDate(now);
    const context = await this.context(projectId, waves, { projectName: project.name, waves: waves.map((w) => w.label), createdOn, language: options.language });
    const rows = await this.repo.count(context.waveIds);
    await this.audit.record(viewer, 'export.create', { type: 'project', id: projectId }, {
      waveId: options.waveId ?? null,
      language: options.language,
      rows,
      variables: context.codebook.variables.length,
    });

    const zip = new ZipStream(now);
    const done = this.write(zip, context, now);
    done.catch((error: unknown) => {
      if (error instanceof ZipAborted) return;
      this.options.log?.('export failed', error);
      zip.fail(error instanceof Error ? error : new Error(String(error)));
    });
    const waveName = options.waveId === undefined ? 'all' : fileSlug(waves[0]!.label);
    return { filename: `digikompass-${fileSlug(project.name)}-${waveName}-${createdOn}.zip`, rows, stream: zip.readable, done };
  }

  /**
   * A page of pseudonymised microdata (GET /projects/:id/microdata): the export's own rows, encoded by
   * the same codebook (codes, missing codes, HMAC pseudonyms, scrubbed free text), in the same order.
   * Every read writes an audit line with the number of rows.
   */
  async microdata(viewer: Viewer, projectId: string, options: ExportOptions & { offset: number; limit: number }): Promise<Microdata> {
    assertProjectAccess(viewer, projectId);
    const project = await this.projects.get(projectId);
    if (!project) throw new NotFound();
    const allWaves = await this.repo.waves(projectId);
    const waves = options.waveId === undefined ? allWaves : allWaves.filter((w) => w.id === options.waveId);
    if (options.waveId !== undefined && waves.length === 0) throw new NotFound('wave_not_found');
    let out: Microdata = { total: 0, offset: options.offset, limit: options.limit, variables: [], rows: [] };
    if (waves.length > 0) {
      const facts = { projectName: project.name, waves: waves.map((w) => w.label), createdOn: osloDate(this.clock.now()), language: options.language };
      const c = await this.context(projectId, waves, facts);
      const [total, page] = await Promise.all([this.repo.count(c.waveIds), this.repo.pageAt(c.waveIds, options.offset, options.limit)]);
      out = {
        ...out,
        total,
        variables: c.codebook.variables.map((v) => ({ name: v.name, label: v.label[options.language], type: v.type })),
        rows: page.map((row) => encodeRow(c.codebook, this.toExport(row, c), { scrubText })),
      };
    }
    await this.audit.record(viewer, 'microdata.read', { type: 'project', id: projectId }, {
      waveId: options.waveId ?? null,
      offset: options.offset,
      limit: options.limit,
      rows: out.rows.length,
    });
    return out;
  }

  /** The codebook and served questionnaires of these waves; also what an import file is read against (import.service.ts). */
  async context(projectId: string, waves: ExportWave[], facts: ExportFacts): Promise<Context> {
    const waveIds = waves.map((w) => w.id);
    const [used, localRows, municipalities] = await Promise.all([
      this.repo.instrumentsIn(waveIds),
      this.repo.localItems(waveIds),
      this.repo.municipalities(projectId),
    ]);
    const byMunicipality = new Map(municipalities.list.map((m) => [m.id, { ssbCode: m.ssbCode, name: m.name }]));
    const ssbOfNamespace = new Map(municipalities.list.map((m) => [localNamespace(m.id), m.ssbCode]));

    // Base questionnaires: each wave's own first (in wave order), then the other forms used.
    const keys = [...waves.map((w) => `${w.instrumentId}@${w.instrumentVersion}`), ...used.map((u) => `${u.id}@${u.version}`)];
    const bases = new Map<string, Instrument>();
    for (const key of new Set(keys)) {
      const [id, version] = key.split('@') as [string, string];
      bases.set(key, await this.instruments.get(id, version));
    }
    const locals = new Map<string, LocalItem[]>();
    for (const row of localRows) {
      const key = `${row.waveId}|${row.municipalityId}`;
      locals.set(key, [...(locals.get(key) ?? []), { key: row.key, name: row.name }]);
    }
    // What one municipality's respondents were served in a wave on a form: the form plus their local items.
    const servedCache = new Map<string, Instrument>();
    const served = (waveId: string, municipalityId: string, instrumentKey: string): Instrument => {
      const key = `${waveId}|${municipalityId}|${instrumentKey}`;
      let instrument = servedCache.get(key);
      if (!instrument) {
        const base = bases.get(instrumentKey);
        if (!base) throw new Error(`questionnaire ${instrumentKey} is not among the export's`);
        instrument = withLocalItems(base, localNamespace(municipalityId), locals.get(`${waveId}|${municipalityId}`) ?? []);
        servedCache.set(key, instrument);
      }
      return instrument;
    };
    const waveInstrument = new Map(waves.map((w) => [w.id, `${w.instrumentId}@${w.instrumentVersion}`]));
    const localVariants = [...locals.keys()].map((key) => {
      const [waveId, municipalityId] = key.split('|') as [string, string];
      return served(waveId, municipalityId, waveInstrument.get(waveId)!);
    });

    const codebook = buildCodebook({
      instruments: [...bases.values(), ...localVariants],
      waves: waves.map((w) => ({ label: w.label })),
      localPrefix: (namespace) => ssbOfNamespace.get(namespace),
      nameBytes: municipalities.nameBytes,
    });
    return {
      projectId,
      codebook,
      waveIds,
      wavePosition: new Map(waves.map((w, i) => [w.id, i + 1])),
      municipalities: byMunicipality,
      served: (row) => served(row.waveId, row.municipalityId, `${row.instrumentId}@${row.instrumentVersion}`),
      facts,
    };
  }

  /** A keyed pseudonym: 'r' or 'p' and 16 hex digits (64 bits), never all digits, so every tool reads it as text. */
  private pseudonym(prefix: 'r' | 'p', projectId: string, id: string): string {
    return `${prefix}${this.secrets.hmacHex(`export-${prefix}:${projectId}`, id).slice(0, 16)}`;
  }

  private toExport(row: ExportRow, c: Context): ExportResponse {
    const municipality = c.municipalities.get(row.municipalityId);
    return {
      responseId: this.pseudonym('r', c.projectId, row.id),
      personId: this.pseudonym('p', c.projectId, row.personId),
      linkMethod: row.linkMethod,
      codeDuplicate: row.codeDuplicate,
      wave: c.wavePosition.get(row.waveId) ?? 0,
      municipalityCode: municipality?.ssbCode ?? '',
      municipalityName: municipality?.name ?? '',
      unitName: row.unitName,
      instrument: c.served(row),
      form: row.form,
      language: row.language,
      source: row.source,
      submittedOn: row.submittedOn,
      consentVersion: row.consentVersion,
      activeMinutes: row.activeMinutes,
      scoringVersion: row.scoringVersion,
      answers: row.answers,
      scores: row.scores,
    };
  }

  private async write(zip: ZipStream, c: Context, now: Date): Promise<{ csvRows: number; xlsxRows: number }> {
    const { codebook, facts } = c;
    const title = { nb: `Digikompass: ${facts.projectName}`, nn: `Digikompass: ${facts.projectName}`, en: `Digikompass: ${facts.projectName}` };
    await zip.add('codebook.html', codebookHtml(codebook, facts));
    await zip.add('codebook.json', codebookJson(codebook, facts));
    await zip.add('digikompass.sps', spssSyntax(codebook, facts.language, title));
    await zip.add('digikompass.do', stataSyntax(codebook, facts.language, title));
    await zip.add('digikompass.R', rScript(codebook, facts.language, title));
    const pageSize = this.options.pageSize ?? EXPORT_PAGE_SIZE;
    const encode = (row: ExportRow) => encodeRow(codebook, this.toExport(row, c), { scrubText });

    // Pass one: data.csv, keyset pages in primary-key order; the ids are kept for pass two. The next page
    // is asked for before this one is encoded, so the database and the encoding overlap.
    const csv = zip.entry('data.csv');
    csv.write(csvHeader(codebook));
    const ids = new IdList();
    let csvRows = 0;
    let next = prefetch(this.repo.page(c.waveIds, null, pageSize));
    for (;;) {
      const page = await next;
      if (page.length === 0) break;
      const more = page.length === pageSize;
      if (more) next = prefetch(this.repo.page(c.waveIds, page.at(-1)!.id, pageSize));
      let text = '';
      for (const row of page) text += csvLine(encode(row));
      csv.write(text);
      ids.push(page.map((r) => r.id));
      csvRows += page.length;
      await zip.drain();
      if (!more) break;
    }
    csv.end();

    // Pass two: data.xlsx (already a ZIP itself: stored, not compressed again), the same rows by id.
    const xlsx = zip.entry('data.xlsx', false);
    const book = new XlsxWriter(['data', 'variables'], (chunk) => xlsx.write(chunk), now);
    book.startSheet(codebook.variables.length);
    book.row(codebook.variables.map((v) => v.name));
    let xlsxRows = 0;
    const chunks = ids.chunks();
    const read = () => {
      const chunk = chunks.next();
      return chunk.done ? null : prefetch(this.repo.byIds(chunk.value));
    };
    for (let pending = read(); pending !== null; ) {
      const rows = await pending;
      pending = read();
      for (const row of rows) book.row(encode(row));
      xlsxRows += rows.length;
      await zip.drain();
    }
    book.endSheet();
    const lang = facts.language;
    book.startSheet(6);
    book.row(['name', 'label', 'type', 'values', 'missing', 'scales']);
    for (const v of codebook.variables) {
      book.row([
        v.name,
        v.label[lang],
        v.type,
        codeLabels(v.valueLabels, lang).join('; '),
        codeLabels(v.missing, lang).join('; '),
        v.scales.map((sc) => `${sc.scale}${sc.reverse ? ' (reverse)' : ''}`).join('; '),
      ]);
    }
    book.endSheet();
    book.end();
    xlsx.end();

    await zip.add('README.txt', readmeText(codebook, { ...facts, rows: { csv: csvRows, xlsx: xlsxRows } }));
    zip.end();
    return { csvRows, xlsxRows };
  }
}
