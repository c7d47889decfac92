/** Projects: the unit of a study (member municipalities, k, end date, consent texts). */
import type { Project } from '../../contracts/api.js';
import type { LocalizedText } from '../../contracts/instrument.js';
import type { ProjectRepository } from '../repositories/project.repository.js';
import { scopeOf, type Viewer } from './access.js';
import type { AuditService } from './audit.service.js';
import { defaultConsentText } from './consent-text.js';

export class ProjectService {
  constructor(
    private readonly repo: ProjectRepository,
    private readonly audit: AuditService,
  ) {}

  list(viewer: Viewer): Promise<Project[]> {
    const scope = scopeOf(viewer);
    return scope.kind === 'platform' ? this.repo.list() : this.repo.listForMunicipality(scope.municipalityId);
  }

  async create(
    viewer: Viewer | null,
    input: { name: string; kMin: number; endDate: string; consent?: { information: LocalizedText; consent: LocalizedText } | undefined },
  ): Promise<Project> {
    const project = await this.repo.create({ ...input, consent: input.consent ?? defaultConsentText(input.endDate) });
    await this.audit.record(viewer, 'project.create', { type: 'project', id: project.id, municipalityId: null }, { name: project.name, kMin: project.kMin });
    return project;
  }
}
