/** Writes the audit trail: who did what to which object, when. Never answers, receipt codes or addresses. */
import type { Clock } from '../adapters/clock.js';
import type { InfrastructureRepository } from '../repositories/infrastructure.repository.js';
import type { Viewer } from './access.js';

export class AuditService {
  constructor(
    private readonly repo: InfrastructureRepository,
    private readonly clock: Clock,
  ) {}

  async record(
    actor: Viewer | null,
    action: string,
    object: { type: string; id: string | null; municipalityId?: string | null },
    details?: Record<string, unknown>,
  ): Promise<void> {
    await this.repo.audit({
      at: this.clock.now(),
      actorAccountId: actor?.accountId ?? null,
      actorRole: actor?.role ?? 'anonymous',
      action,
      objectType: object.type,
      objectId: object.id,
      municipalityId: object.municipalityId ?? actor?.municipalityId ?? null,
      // A request made with a research API token names the token (the actor is its owner).
      ...(actor?.apiToken ? { details: { ...details, apiTokenId: actor.apiToken.id } } : details ? { details } : {}),
    });
  }
}
