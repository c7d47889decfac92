/** Waves and their survey links (with QR codes). Platform admins create; leaders read their own. */
import QRCode from 'qrcode';
import type { SurveyLink, Wave } from '../../contracts/api.js';
import type { Clock } from '../adapters/clock.js';
import { randomToken } from '../adapters/secrets.js';
import { Conflict, isForeignKeyViolation, isUniqueViolation, NotFound, ValidationFailed } from '../errors.js';
import type { InstrumentRepository } from '../repositories/instrument.repository.js';
import type { OrganisationRepository } from '../repositories/organisation.repository.js';
import type { ProjectRepository } from '../repositories/project.repository.js';
import type { LinkRecord, WaveRecord, WaveRepository } from '../repositories/wave.repository.js';
import { scopeOf, type Viewer } from './access.js';
import type { AuditService } from './audit.service.js';
import { waveStatus } from './wave-status.js';

export class WaveService {
  constructor(
    private readonly waves: WaveRepository,
    private readonly projects: ProjectRepository,
    private readonly instruments: InstrumentRepository,
    private readonly organisation: OrganisationRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly publicUrl: () => string,
  ) {}

  private present(w: WaveRecord): Wave {
    return {
      id: w.id,
      projectId: w.projectId,
      label: w.label,
      instrumentId: w.instrumentId,
      instrumentVersion: w.instrumentVersion,
      opensAt: w.opensAt.toISOString(),
      closesAt: w.closesAt.toISOString(),
      status: waveStatus(w, this.clock.now()),
    };
  }

  async list(viewer: Viewer): Promise<Wave[]> {
    return (await this.waves.list(scopeOf(viewer))).map((w) => this.present(w));
  }

  async get(viewer: Viewer, id: string): Promise<Wave> {
    const wave = await this.waves.get(scopeOf(viewer), id);
    if (!wave) throw new NotFound();
    return this.present(wave);
  }

  async create(
    viewer: Viewer | null,
    input: { projectId: string; label: string; instrumentId: string; instrumentVersion: string; opensAt: string; closesAt: string },
  ): Promise<Wave> {
    if (!(await this.projects.get(input.projectId))) throw new ValidationFailed([{ path: 'projectId', code: 'unknown_reference' }]);
    if (!(await this.instruments.get(input.instrumentId, input.instrumentVersion))) {
      throw new ValidationFailed([{ path: 'instrumentVersion', code: 'unknown_reference' }]);
    }
    let wave: WaveRecord;
    try {
      wave = await this.waves.create({ ...input, opensAt: new Date(input.opensAt), closesAt: new Date(input.closesAt) });
    } catch (error) {
      if (isUniqueViolation(error)) throw new Conflict('already_exists', {}, [{ path: 'label', code: 'already_exists' }]);
      throw error;
    }
    await this.audit.record(viewer, 'wave.create', { type: 'wave', id: wave.id, municipalityId: null }, {
      label: wave.label,
      instrument: `${wave.instrumentId}@${wave.instrumentVersion}`,
    });
    return this.present(wave);
  }

  // ---- links

  private presentLink(l: LinkRecord): SurveyLink {
    return { ...l, url: `${this.publicUrl()}/s/${encodeURIComponent(l.token)}` };
  }

  async listLinks(viewer: Viewer, waveId: string): Promise<SurveyLink[]> {
    const scope = scopeOf(viewer);
    if (!(await this.waves.get(scope, waveId))) throw new NotFound();
    return (await this.waves.listLinks(scope, waveId)).map((l) => this.presentLink(l));
  }

  /** A link for a municipality (optionally one unit, optionally a shared device); the municipality joins the wave's project. */
  async createLink(
    viewer: Viewer | null,
    waveId: string,
    input: {
      municipalityId: string;
      unitId: string | null;
      sharedDevice: boolean;
      token?: string;
      /** Another form of the questionnaire for this link (e.g. the short form); omitted → the wave's instrument. */
      instrumentId?: string | null;
      instrumentVersion?: string | null;
    },
  ): Promise<SurveyLink> {
    const wave = await this.waves.get({ kind: 'platform' }, waveId);
    if (!wave) throw new NotFound();
    if (!(await this.organisation.getMunicipality({ kind: 'platform' }, input.municipalityId))) {
      throw new ValidationFailed([{ path: 'municipalityId', code: 'unknown_reference' }]);
    }
    if (input.unitId !== null) {
      const unit = await this.organisation.getUnit({ kind: 'platform' }, input.unitId);
      if (!unit || unit.municipalityId !== input.municipalityId) throw new ValidationFailed([{ path: 'unitId', code: 'unit_not_in_municipality' }]);
    }
    const instrumentId = input.instrumentId ?? null;
    const instrumentVersion = input.instrumentVersion ?? null;
    if ((instrumentId === null) !== (instrumentVersion === null)) {
      throw new ValidationFailed([{ path: instrumentId === null ? 'instrumentId' : 'instrumentVersion', code: 'required' }]);
    }
    if (instrumentId !== null && instrumentVersion !== null && !(await this.instruments.get(instrumentId, instrumentVersion))) {
      throw new ValidationFailed([{ path: 'instrumentVersion', code: 'unknown_reference' }]);
    }
    await this.organisation.addProjectMember(wave.projectId, input.municipalityId);
    let link: LinkRecord;
    try {
      link = await this.waves.createLink({
        waveId,
        municipalityId: input.municipalityId,
        unitId: input.unitId,
        sharedDevice: input.sharedDevice,
        instrumentId,
        instrumentVersion,
        // 192 random bits: the token is the respondent's only capability.
        token: input.token ?? randomToken(24),
      });
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new ValidationFailed([{ path: 'unitId', code: 'unit_not_in_municipality' }]);
      if (isUniqueViolation(error)) throw new Conflict('already_exists');
      throw error;
    }
    await this.audit.record(viewer, 'link.create', { type: 'survey_link', id: link.id, municipalityId: link.municipalityId }, {
      waveId,
      unitId: link.unitId,
      sharedDevice: link.sharedDevice,
      instrument: instrumentId === null ? null : `${instrumentId}@${instrumentVersion}`,
    });
    return this.presentLink(link);
  }

  /** The link's URL as a printable SVG QR code. */
  async qrSvg(viewer: Viewer, linkId: string): Promise<string> {
    const link = await this.waves.getLink(scopeOf(viewer), linkId);
    if (!link) throw new NotFound();
    return QRCode.toString(this.presentLink(link).url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  }
}
