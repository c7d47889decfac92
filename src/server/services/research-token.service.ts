/**
 * Read-only API tokens for research tools (R, Python, Stata): one project each, made by a researcher
 * of the project or a platform admin in a full (two-step) session, shown once, stored only as SHA-256,
 * listed with their last use and revocable. A request with `Authorization: Bearer dkr_…` acts as the
 * token's owner, limited to the token's project and to GET routes of research:read / research:export
 * (routes/route-context.ts); every read it makes is audited with the token's id (AuditService).
 */
import { RESEARCH_TOKEN_PREFIX, type CreatedResearchToken, type ResearchToken } from '../../contracts/research-access.js';
import type { Clock } from '../adapters/clock.js';
import { randomToken, sha256Hex } from '../adapters/secrets.js';
import { NotFound } from '../errors.js';
import type { AccountRepository } from '../repositories/account.repository.js';
import type { ProjectRepository } from '../repositories/project.repository.js';
import type { ResearchTokenRecord, ResearchTokenRepository } from '../repositories/research-token.repository.js';
import { assertProjectAccess, canReachProject, type Viewer } from './access.js';
import type { AuditService } from './audit.service.js';
import type { AuthService } from './auth.service.js';

/** last_used_at is written at most this often per token. */
export const TOKEN_TOUCH_EVERY_MS = 60 * 1000;

function present(t: ResearchTokenRecord): ResearchToken {
  return {
    id: t.id,
    projectId: t.projectId,
    name: t.name,
    ownerName: t.ownerName,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

export class ResearchTokenService {
  constructor(
    private readonly tokens: ResearchTokenRepository,
    private readonly accounts: AccountRepository,
    private readonly projects: ProjectRepository,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** A researcher's own tokens of the project; a platform admin sees every token of it (to revoke a leaked one). */
  async list(viewer: Viewer, projectId: string): Promise<ResearchToken[]> {
    await this.project(viewer, projectId);
    return (await this.tokens.list(projectId, viewer.role === 'platform_admin' ? null : viewer.accountId)).map(present);
  }

  /** A new token for the viewer and the project; the answer is the only place the token is ever shown. */
  async create(viewer: Viewer, projectId: string, name: string): Promise<CreatedResearchToken> {
    await this.project(viewer, projectId);
    const token = `${RESEARCH_TOKEN_PREFIX}${randomToken(32)}`;
    const record = await this.tokens.create({ projectId, accountId: viewer.accountId, name, tokenHash: sha256Hex(token), now: this.clock.now() });
    await this.audit.record(viewer, 'research_token.create', { type: 'research_token', id: record.id }, { projectId, name });
    return { ...present(record), token };
  }

  /** Revokes a token of the project: a researcher their own, a platform admin any (others: 404). Revoking twice is fine. */
  async revoke(viewer: Viewer, projectId: string, tokenId: string): Promise<void> {
    await this.project(viewer, projectId);
    const token = await this.tokens.get(tokenId);
    if (!token || token.projectId !== projectId || (viewer.role !== 'platform_admin' && token.accountId !== viewer.accountId)) throw new NotFound();
    if (token.revokedAt) return;
    await this.tokens.revoke(token.id, this.clock.now());
    await this.audit.record(viewer, 'research_token.revoke', { type: 'research_token', id: token.id }, { projectId, ownerAccountId: token.accountId });
  }

  /**
   * The viewer behind a bearer token, or null (unknown, revoked, its owner disabled or no longer on the
   * project). The viewer is the owner, marked with the token so that it reaches only the token's project.
   */
  async authenticate(value: string): Promise<Viewer | null> {
    if (!value.startsWith(RESEARCH_TOKEN_PREFIX) || value.length > 200) return null;
    const token = await this.tokens.findLive(sha256Hex(value));
    if (!token) return null;
    const account = await this.accounts.get(token.accountId);
    if (!account || account.disabledAt !== null) return null;
    const owner = await this.auth.viewerFor(account);
    if (!canReachProject(owner, token.projectId)) return null;
    const now = this.clock.now();
    await this.tokens.touch(token.id, now, new Date(now.getTime() - TOKEN_TOUCH_EVERY_MS));
    return { ...owner, apiToken: { id: token.id, projectId: token.projectId } };
  }

  private async project(viewer: Viewer, projectId: string): Promise<void> {
    assertProjectAccess(viewer, projectId);
    if (!(await this.projects.get(projectId))) throw new NotFound();
  }
}
