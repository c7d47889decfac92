/** Regions, municipalities and units: platform admins write, leaders read their own municipality. */
import type { BenchmarkChoice, Municipality, Region, Unit } from '../../contracts/api.js';
import type { Language } from '../../contracts/instrument.js';
import { osloDate, type Clock } from '../adapters/clock.js';
import { Conflict, isUniqueViolation, NotFound, ValidationFailed } from '../errors.js';
import type { OrganisationRepository } from '../repositories/organisation.repository.js';
import { scopeOf, type Viewer } from './access.js';
import type { AuditService } from './audit.service.js';

async function uniquely<T>(write: () => Promise<T>, path: string): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('already_exists', {}, [{ path, code: 'already_exists' }]);
    throw error;
  }
}

export class OrganisationService {
  constructor(
    private readonly repo: OrganisationRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  listRegions(): Promise<Region[]> {
    return this.repo.listRegions();
  }

  async createRegion(viewer: Viewer, input: { code: string; name: string }): Promise<Region> {
    const region = await uniquely(() => this.repo.createRegion(input), 'code');
    await this.audit.record(viewer, 'region.create', { type: 'region', id: region.id }, { code: region.code, name: region.name });
    return region;
  }

  listMunicipalities(viewer: Viewer): Promise<Municipality[]> {
    return this.repo.listMunicipalities(scopeOf(viewer));
  }

  async createMunicipality(
    viewer: Viewer,
    input: { ssbCode: string; name: string; defaultLanguage: Language; regionId: string | null },
  ): Promise<Municipality> {
    if (input.regionId !== null && !(await this.repo.regionExists(input.regionId))) {
      throw new ValidationFailed([{ path: 'regionId', code: 'unknown_reference' }]);
    }
    const m = await uniquely(() => this.repo.createMunicipality(input, osloDate(this.clock.now())), 'ssbCode');
    await this.audit.record(viewer, 'municipality.create', { type: 'municipality', id: m.id, municipalityId: m.id }, { ssbCode: m.ssbCode, name: m.name });
    return m;
  }

  async listUnits(viewer: Viewer, municipalityId: string): Promise<Unit[]> {
    const scope = scopeOf(viewer);
    if (!(await this.repo.getMunicipality(scope, municipalityId))) throw new NotFound();
    return this.repo.listUnits(scope, municipalityId);
  }

  async createUnit(viewer: Viewer, municipalityId: string, input: { name: string; staffCount: number }): Promise<Unit> {
    if (!(await this.repo.getMunicipality(scopeOf(viewer), municipalityId))) throw new NotFound();
    const unit = await uniquely(() => this.repo.createUnit(municipalityId, input), 'name');
    await this.audit.record(viewer, 'unit.create', { type: 'unit', id: unit.id, municipalityId }, { name: unit.name, staffCount: unit.staffCount });
    return unit;
  }

  /** A municipality's benchmark choice per project (anyone who may see the municipality). */
  async benchmarkChoices(viewer: Viewer, municipalityId: string): Promise<BenchmarkChoice[]> {
    if (!(await this.repo.getMunicipality(scopeOf(viewer), municipalityId))) throw new NotFound();
    return this.repo.benchmarkChoices(municipalityId);
  }

  /**
   * Opts a municipality in or out of a project's region and national benchmarks: it is the data
   * controller for its staff's answers. Its own leader or a platform admin; audited.
   */
  async setBenchmarkOptIn(viewer: Viewer, municipalityId: string, projectId: string, optIn: boolean): Promise<BenchmarkChoice> {
    if (!(await this.repo.getMunicipality(scopeOf(viewer), municipalityId))) throw new NotFound();
    if (!(await this.repo.setBenchmarkOptIn(projectId, municipalityId, optIn))) throw new NotFound();
    await this.audit.record(viewer, optIn ? 'benchmark.opt_in' : 'benchmark.opt_out', { type: 'project', id: projectId, municipalityId });
    return (await this.repo.benchmarkChoices(municipalityId)).find((c) => c.projectId === projectId)!;
  }

  async updateUnit(viewer: Viewer, unitId: string, patch: { name?: string | undefined; staffCount?: number | undefined }): Promise<Unit> {
    const existing = await this.repo.getUnit(scopeOf(viewer), unitId);
    if (!existing) throw new NotFound();
    const unit = await uniquely(() => this.repo.updateUnit(unitId, patch), 'name');
    if (!unit) throw new NotFound();
    await this.audit.record(viewer, 'unit.update', { type: 'unit', id: unit.id, municipalityId: unit.municipalityId }, { ...patch });
    return unit;
  }
}
