/** Projects: the unit of a study (member municipalities, k, end date, consent texts). */
import type { ConsentText, Project } from '../../contracts/api.js';
import type { LocalizedText } from '../../contracts/instrument.js';
import type { ProjectRepository } from '../repositories/project.repository.js';
import { NotFound } from '../errors.js';
import { municipalityFilter, scopeOf, type Viewer } from './access.js';
import type { AuditService } from './audit.service.js';
import { defaultConsentText } from './consent-text.js';

export class ProjectService {
  constructor(
    private readonly repo: ProjectRepository,
    private readonly audit: AuditService,
  ) {}

  list(viewer: Viewer): Promise<Project[]> {
    const ids = municipalityFilter(scopeOf(viewer));
    return ids === null ? this.repo.list() : this.repo.listForMunicipalities(ids);
  }

  async create(
    viewer: Viewer | null,
    input: { name: string; kMin: number; endDate: string; consent?: { information: LocalizedText; consent: LocalizedText } | undefined },
  ): Promise<Project> {
    const project = await this.repo.create({ ...input, consent: input.consent ?? defaultConsentText(input.endDate) });
    await this.audit.record(viewer, 'project.create', { type: 'project', id: project.id, municipalityId: null }, { name: project.name, kMin: project.kMin });
    return project;
  }

  /** Every version of the project's information and consent texts (a leader: only projects of their municipality). */
  async consentVersions(viewer: Viewer, projectId: string): Promise<ConsentText[]> {
    if (!(await this.list(viewer)).some((p) => p.id === projectId)) throw new NotFound();
    const versions = await this.repo.listConsent(projectId);
    return versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() }));
  }

  /** A new version: respondents who consented to an older one are asked again before they submit. */
  async addConsentVersion(viewer: Viewer, projectId: string, text: { information: LocalizedText; consent: LocalizedText }): Promise<ConsentText> {
    if (!(await this.repo.get(projectId))) throw new NotFound();
    const version = await this.repo.addConsentVersion(projectId, text);
    await this.audit.record(viewer, 'project.consent_version', { type: 'project', id: projectId, municipalityId: null }, { version });
    const created = (await this.repo.listConsent(projectId)).find((v) => v.version === version)!;
    return { ...created, createdAt: created.createdAt.toISOString() };
  }
}
