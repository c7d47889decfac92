/**
 * Results reports (PDF and XLSX) of a municipality — or a unit, for its unit leader, or a region, for its
 * coordinator — drawn from the frozen release exactly as the viewer's results page gets it
 * (ReleaseService.view(): the same tenancy, the same unit cut, the same benchmarks), so a report can never
 * show a figure the views do not. Nothing is read from responses. 409 until the wave is released.
 */
import { createHash } from 'node:crypto';
import type { Language } from '../../contracts/instrument.js';
import type { ReleaseView } from '../../contracts/release.js';
import { type Clock, osloDate } from '../adapters/clock.js';
import { Conflict } from '../errors.js';
import type { OrganisationRepository } from '../repositories/organisation.repository.js';
import { buildReportModel } from '../reports/report-model.js';
import { renderReportPdf } from '../reports/report-pdf.js';
import { renderReportXlsx } from '../reports/report-xlsx.js';
import type { Viewer } from './access.js';
import type { ReleaseService } from './release.service.js';

export type ReportFormat = 'pdf' | 'xlsx';

export interface ReportFile {
  /** ASCII, for Content-Disposition. */
  fileName: string;
  contentType: string;
  language: Language;
  body: Buffer;
}

/** Rendered reports kept in memory: a PDF takes pdfmake 1–2 s of CPU, and its release never changes. */
const CACHE_SIZE = 16;

const CONTENT_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export class ReportService {
  private readonly cache = new Map<string, Promise<ReportFile>>();
  /** One report is laid out at a time (pdfmake holds the event loop while it works): the next waits its turn. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly releases: ReleaseService,
    private readonly organisation: OrganisationRepository,
    private readonly clock: Clock,
    private readonly publicUrl: () => string,
  ) {}

  /**
   * The report in `requested.lang`, else the municipality's default language, else `viewerLanguage`
   * (a region's report).
   */
  async render(
    viewer: Viewer,
    waveId: string,
    requested: { municipalityId?: string | undefined; regionId?: string | undefined; lang?: Language | undefined },
    format: ReportFormat,
    viewerLanguage: Language,
  ): Promise<ReportFile> {
    const raw = await this.releases.view(viewer, waveId, {
      ...(requested.municipalityId ? { municipalityId: requested.municipalityId } : {}),
      ...(requested.regionId ? { regionId: requested.regionId } : {}),
    });
    const view = JSON.parse(raw) as ReleaseView;
    if (view.status !== 'released' || !view.own) throw new Conflict('report_not_released');
    const municipality = view.subject.kind === 'municipality' ? await this.organisation.getMunicipality({ kind: 'platform' }, view.subject.id) : undefined;
    const language = requested.lang ?? municipality?.defaultLanguage ?? viewerLanguage;
    const now = this.clock.now();
    // The same view (the same viewer's cut of the same frozen releases), language, format and day: the same file.
    const key = [createHash('sha256').update(raw).digest('hex'), language, format, osloDate(now)].join(':');
    const cached = this.cache.get(key);
    if (cached) return cached;
    const made: Promise<ReportFile> = this.queue.catch(() => undefined).then(async () => {
      const model = buildReportModel(view, language, { resultsUrl: `${this.publicUrl()}/results`, generatedAt: now });
      const body = format === 'pdf' ? await renderReportPdf(model) : renderReportXlsx(model, now);
      return { fileName: `${model.fileBase}.${format}`, contentType: CONTENT_TYPES[format], language, body };
    });
    this.queue = made;
    this.cache.set(key, made);
    made.catch(() => this.cache.delete(key));
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return made;
  }
}
