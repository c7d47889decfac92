/**
 * The respondent's side before submitting: what a link opens, declining, and drafts (saved answers
 * apart from responses). No account and no cookie: the link token is the capability, a draft token
 * (and on shared devices a short resume code) authorises a draft. Only hashes of those are stored,
 * and every save keeps only answers to items that are shown (pruneHidden).
 */
import { randomBytes } from 'node:crypto';
import type { DraftCreated, DraftState, SurveyInfo } from '../../contracts/api.js';
import type { Answers, Instrument, Language } from '../../contracts/instrument.js';
import { groupCode, normalizeCode, toCrockford } from '../../domain/codes.js';
import { pruneHidden } from '../../domain/conditions.js';
import type { Clock } from '../adapters/clock.js';
import { randomToken, sha256Hex, safeEqual, type Secrets } from '../adapters/secrets.js';
import { Conflict, Forbidden, Gone, isForeignKeyViolation, isUniqueViolation, NotFound, ValidationFailed } from '../errors.js';
import type { OrganisationRepository } from '../repositories/organisation.repository.js';
import type { ProjectRepository } from '../repositories/project.repository.js';
import type { ResponseRepository } from '../repositories/response.repository.js';
import type { LinkContext, WaveRepository } from '../repositories/wave.repository.js';
import type { LocalItemService } from './local-item.service.js';
import type { RateLimitService } from './rate-limit.service.js';
import { waveStatus } from './wave-status.js';

/** Resume codes: 8 Crockford characters (40 bits), shown as XXXX-XXXX; guessing is rate-limited per link. */
const RESUME_CODE_CHARS = 8;

/**
 * Link lookups are on every respondent request; their rows hardly ever change (a new consent version
 * or new wave dates are seen within this many milliseconds).
 */
export const LINK_CACHE_MS = 5_000;
const LINK_CACHE_MAX = 5_000;

export class SurveyService {
  private readonly linkCache = new Map<string, { until: number; link: LinkContext }>();

  constructor(
    private readonly waves: WaveRepository,
    private readonly organisation: OrganisationRepository,
    private readonly projects: ProjectRepository,
    private readonly responses: ResponseRepository,
    private readonly rateLimits: RateLimitService,
    private readonly secrets: Secrets,
    private readonly clock: Clock,
    private readonly localItems: LocalItemService,
    private readonly linkCacheMs = LINK_CACHE_MS,
  ) {}

  /** The questionnaire a link serves: its instrument plus the municipality's local systems in the wave, if any. */
  instrumentFor(link: LinkContext): Promise<Instrument> {
    return this.localItems.served(link);
  }

  async link(token: string): Promise<LinkContext> {
    if (token.length > 200) throw new NotFound('link_not_found');
    const now = performance.now();
    const cached = this.linkCache.get(token);
    if (cached && cached.until > now) return cached.link;
    const link = await this.waves.findLinkContext(token);
    if (!link) throw new NotFound('link_not_found');
    if (this.linkCacheMs > 0) {
      if (this.linkCache.size >= LINK_CACHE_MAX) this.linkCache.clear();
      this.linkCache.set(token, { until: now + this.linkCacheMs, link });
    }
    return link;
  }

  /** Throws unless the link's wave is open for its municipality now. */
  requireOpen(link: LinkContext): void {
    const status = waveStatus(link, this.clock.now());
    if (status === 'scheduled') throw new Conflict('wave_not_open');
    if (status === 'closed') throw new Gone('wave_closed');
  }

  requireConsent(link: LinkContext, consentVersion: number): void {
    if (link.consentVersion === null || consentVersion !== link.consentVersion) throw new Conflict('consent_outdated');
  }

  /**
   * The unit a response or draft belongs to: the link's own unit when it has one (another unit is an
   * error), else the one chosen (checked against the municipality by the database's foreign key).
   */
  unitFor(link: LinkContext, unitId: string | null): string | null {
    if (link.unitId === null) return unitId;
    if (unitId !== null && unitId !== link.unitId) throw new ValidationFailed([{ path: 'unitId', code: 'unit_fixed_by_link' }]);
    return link.unitId;
  }

  async info(token: string): Promise<SurveyInfo> {
    const link = await this.link(token);
    const [instrument, units, consent, earlierWave] = await Promise.all([
      this.instrumentFor(link),
      this.organisation.listUnits({ kind: 'platform' }, link.municipalityId),
      this.projects.currentConsent(link.projectId),
      this.waves.previousInProject(link.waveId),
    ]);
    if (!consent) throw new NotFound('link_not_found');
    return {
      linkToken: link.token,
      wave: { id: link.waveId, label: link.waveLabel, status: waveStatus(link, this.clock.now()), closesAt: link.closesAt.toISOString() },
      municipality: { id: link.municipalityId, name: link.municipalityName, defaultLanguage: link.defaultLanguage },
      unit: link.unitId !== null ? { id: link.unitId, name: link.unitName ?? '' } : null,
      units: units.map((u) => ({ id: u.id, name: u.name })),
      sharedDevice: link.sharedDevice,
      consent: { version: consent.version, information: consent.information, consent: consent.consent },
      instrument,
      linking: { earlierWave: earlierWave ? { label: earlierWave.label } : null, projectEndDate: link.projectEndDate },
    };
  }

  /** Counts a "no thanks" for the wave and municipality; nothing else is kept. */
  async decline(token: string): Promise<void> {
    await this.rateLimits.hit(['startPerLink', token]);
    const link = await this.link(token);
    this.requireOpen(link);
    await this.responses.countDecline(link.waveId, link.municipalityId);
  }

  private resumeCodeHash(linkId: string, code: string): string {
    return this.secrets.hmacHex('resume', `${linkId}:${code}`);
  }

  async startDraft(token: string, body: { consentVersion: number; language: Language }): Promise<DraftCreated> {
    await this.rateLimits.hit(['startPerLink', token]);
    const link = await this.link(token);
    this.requireOpen(link);
    this.requireConsent(link, body.consentVersion);
    for (let attempt = 0; ; attempt++) {
      const draftToken = randomToken(32);
      const resumeCode = link.sharedDevice ? toCrockford(randomBytes(5), RESUME_CODE_CHARS) : null;
      try {
        const draftId = await this.responses.createDraft({
          linkId: link.linkId,
          waveId: link.waveId,
          municipalityId: link.municipalityId,
          unitId: link.unitId,
          tokenHash: sha256Hex(draftToken),
          resumeCodeHash: resumeCode ? this.resumeCodeHash(link.linkId, resumeCode) : null,
          language: body.language,
          consentVersion: body.consentVersion,
          now: this.clock.now(),
        });
        return { draftId, draftToken, resumeCode: resumeCode ? groupCode(resumeCode) : null };
      } catch (error) {
        // Two drafts on one link drew the same resume code: draw again.
        if (isUniqueViolation(error) && attempt < 3) continue;
        throw error;
      }
    }
  }

  private async authorisedDraft(link: LinkContext, draftId: string, draftToken: string) {
    const draft = await this.responses.getDraft(link.linkId, draftId);
    if (!draft) throw new NotFound('draft_not_found');
    if (!safeEqual(draft.tokenHash, sha256Hex(draftToken))) throw new Forbidden('draft_token_invalid');
    return draft;
  }

  async saveDraft(
    token: string,
    draftId: string,
    body: { draftToken: string; answers: Answers; language: Language; unitId: string | null; sectionIndex: number; activeSeconds?: number },
  ): Promise<{ savedAt: string }> {
    await this.rateLimits.hit(['savePerDraft', draftId]);
    const link = await this.link(token);
    this.requireOpen(link);
    await this.authorisedDraft(link, draftId, body.draftToken);
    const unitId = this.unitFor(link, body.unitId);
    const instrument = await this.instrumentFor(link);
    const now = this.clock.now();
    try {
      await this.responses.saveDraft(draftId, {
        answers: pruneHidden(instrument, body.answers),
        language: body.language,
        unitId,
        sectionIndex: body.sectionIndex,
        ...(body.activeSeconds !== undefined ? { activeSeconds: body.activeSeconds } : {}),
        now,
      });
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new ValidationFailed([{ path: 'unitId', code: 'unit_not_in_municipality' }]);
      throw error;
    }
    return { savedAt: now.toISOString() };
  }

  async draftState(token: string, draftId: string, draftToken: string): Promise<DraftState> {
    const link = await this.link(token);
    this.requireOpen(link);
    const draft = await this.authorisedDraft(link, draftId, draftToken);
    return toDraftState(draft, draftToken);
  }

  /** Opens a shared-device draft by its resume code; the draft gets a new token (an old one stops working). */
  async resume(token: string, resumeCode: string): Promise<DraftState> {
    const code = normalizeCode(resumeCode);
    await this.rateLimits.hit(['resumePerLink', token], ['resumePerCode', `${token}:${code ?? resumeCode}`]);
    const link = await this.link(token);
    this.requireOpen(link);
    const draft = code && code.length === RESUME_CODE_CHARS ? await this.responses.findDraftByResumeCode(link.linkId, this.resumeCodeHash(link.linkId, code)) : undefined;
    if (!draft) throw new NotFound('resume_code_invalid');
    const draftToken = randomToken(32);
    await this.responses.replaceDraftToken(draft.id, sha256Hex(draftToken));
    return toDraftState(draft, draftToken);
  }
}

function toDraftState(
  draft: Pick<DraftState, 'answers' | 'language' | 'unitId' | 'sectionIndex' | 'consentVersion' | 'activeSeconds'> & { id: string },
  draftToken: string,
): DraftState {
  const { id, answers, language, unitId, sectionIndex, consentVersion, activeSeconds } = draft;
  return { draftId: id, draftToken, answers, language, unitId, sectionIndex, consentVersion, activeSeconds };
}
