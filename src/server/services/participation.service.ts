/**
 * Participation that can be followed over time without identity (issue 5).
 *
 * Linking, strongest first: the receipt code of the earlier wave, an opt-in token on the respondent's own
 * device, and a self-generated code matched per municipality once both waves have answers. Tokens and
 * codes are kept only as keyed hashes (HMAC with a per-project key derived from the server secret, which
 * lives outside the database), whole and per component. Linked responses share a pseudonymous person id.
 *
 * With the receipt code a respondent sees their own answers and withdraws them: every response of the
 * person in the project is deleted. At the project's end the linking material is destroyed and free text
 * removed, so the data become anonymous.
 */
import type { LinkingBody, LinkingStats, LinkMethod, ReceiptSummary, Withdrawn } from '../../contracts/api.js';
import type { Instrument } from '../../contracts/instrument.js';
import { groupCode, normalizeCode } from '../../domain/codes.js';
import { componentHashInput, matchCodes, normalizeComponent, SGIC_COMPONENTS, wholeCodeHashInput } from '../../domain/linking.js';
import { osloDate, type Clock } from '../adapters/clock.js';
import { sha256Hex, type Secrets } from '../adapters/secrets.js';
import { NotFound } from '../errors.js';
import type { LinkScope, ParticipationRepository } from '../repositories/participation.repository.js';
import type { LinkContext, WaveRepository } from '../repositories/wave.repository.js';
import { scopeOf, type Scope, type Viewer } from './access.js';
import type { AuditService } from './audit.service.js';
import type { InstrumentService } from './instrument.service.js';
import type { LocalItemService } from './local-item.service.js';
import type { RateLimitService } from './rate-limit.service.js';

export interface LinkKey {
  kind: 'device' | 'code';
  part: number;
  hash: string;
}

/** What a submit stores for linking: the earlier person when found directly, and the hashes for later matching. */
export interface PreparedLinking {
  personId: string | null;
  method: LinkMethod | null;
  keys: LinkKey[];
}

export class ParticipationService {
  constructor(
    private readonly repo: ParticipationRepository,
    private readonly waves: WaveRepository,
    private readonly instruments: InstrumentService,
    private readonly localItems: LocalItemService,
    private readonly rateLimits: RateLimitService,
    private readonly audit: AuditService,
    private readonly secrets: Secrets,
    private readonly clock: Clock,
  ) {}

  /** The stored form of a receipt code as typed (spaces, dashes, case and look-alike letters forgiven). */
  static receiptHash(typed: string): string | null {
    const code = normalizeCode(typed);
    return code === null ? null : sha256Hex(groupCode(code));
  }

  private keyHash(projectId: string, kind: string, value: string): string {
    return this.secrets.hmacHex(`link:${projectId}:${kind}`, value);
  }

  /** The self-generated code as hashes: part 0 the whole code (only when every component is given), parts 1…n each component. */
  codeKeys(projectId: string, code: Record<string, string>): LinkKey[] {
    const values = SGIC_COMPONENTS.map((c) => normalizeComponent(c, code[c.id]));
    const keys: LinkKey[] = [];
    SGIC_COMPONENTS.forEach((c, i) => {
      const value = values[i];
      if (value != null) keys.push({ kind: 'code', part: i + 1, hash: this.keyHash(projectId, 'code', componentHashInput(c, value)) });
    });
    const whole = wholeCodeHashInput(values);
    if (whole !== null) keys.unshift({ kind: 'code', part: 0, hash: this.keyHash(projectId, 'code', whole) });
    return keys;
  }

  /** At submit: links to an earlier answer by receipt or device when it can, and prepares the hashes to keep. */
  async prepare(link: LinkContext, linking: LinkingBody | undefined): Promise<PreparedLinking> {
    const scope = scopeOfLink(link);
    const keys: LinkKey[] = [];
    let earlier: { personId: string; method: LinkMethod } | null = null;

    const receiptHash = linking?.earlierReceiptCode ? ParticipationService.receiptHash(linking.earlierReceiptCode) : null;
    if (receiptHash) {
      const found = await this.repo.findEarlierByReceipt(scope, receiptHash);
      if (found) earlier = { personId: found.personId, method: 'receipt' };
    }
    // A device token is never kept for a shared device: the next person on it is someone else.
    if (linking?.deviceToken && !link.sharedDevice) {
      const hash = this.keyHash(link.projectId, 'device', linking.deviceToken);
      keys.push({ kind: 'device', part: 0, hash });
      if (!earlier) {
        const found = await this.repo.findEarlierByDevice(scope, hash);
        if (found) earlier = { personId: found.personId, method: 'device' };
      }
    }
    if (linking?.code) keys.push(...this.codeKeys(link.projectId, linking.code));

    // The earlier answer is already linked to another answer of this wave: a person answers a wave once.
    if (earlier && (await this.repo.personHasResponseIn(link.waveId, earlier.personId))) earlier = null;
    return { personId: earlier?.personId ?? null, method: earlier?.method ?? null, keys };
  }

  /** Whether a receipt code belongs to an earlier answer of this link's project and municipality (before relying on it). */
  async checkEarlierReceipt(link: LinkContext, receiptCode: string): Promise<void> {
    const hash = ParticipationService.receiptHash(receiptCode);
    await this.rateLimits.hit(['receiptPerLink', link.token], ['receiptPerCode', hash ?? receiptCode]);
    const found = hash ? await this.repo.findEarlierByReceipt(scopeOfLink(link), hash) : undefined;
    if (!found) throw new NotFound('receipt_not_found');
  }

  private async receipt(receiptCode: string, address: string) {
    const hash = ParticipationService.receiptHash(receiptCode);
    await this.rateLimits.hit(['receiptPerAddress', address], ['receiptPerCode', hash ?? receiptCode]);
    // A wrong code and a code whose answers were withdrawn or made anonymous look the same.
    const record = hash ? await this.repo.findByReceipt(hash) : undefined;
    if (!record) throw new NotFound('receipt_not_found');
    return record;
  }

  async lookup(receiptCode: string, address: string): Promise<ReceiptSummary> {
    const r = await this.receipt(receiptCode, address);
    const [instrument, total] = await Promise.all([
      // What this person was asked: the questionnaire with their municipality's local systems.
      this.localItems.served({ instrumentId: r.instrumentId, instrumentVersion: r.instrumentVersion, waveId: r.waveId, municipalityId: r.municipalityId, opensAt: r.opensAt }),
      this.repo.countPersonResponses(r.projectId, r.personId),
    ]);
    return {
      wave: { label: r.waveLabel },
      municipality: { name: r.municipalityName },
      submittedOn: r.submittedOn,
      language: r.language,
      instrument,
      answers: r.answers,
      linkedResponses: total - 1,
      projectEndDate: r.projectEndDate,
    };
  }

  /** Deletes every response of the person in the project. Released results stay as released; later views exclude them. */
  async withdraw(receiptCode: string, address: string): Promise<Withdrawn> {
    const r = await this.receipt(receiptCode, address);
    const deleted = await this.repo.deletePerson(r.projectId, r.personId);
    for (const d of deleted) {
      // That answers were withdrawn from a wave; never which, nor what they said.
      await this.audit.record(null, 'response.withdraw', { type: 'wave', id: d.waveId, municipalityId: d.municipalityId });
    }
    return { deletedResponses: deleted.length };
  }

  /**
   * Matches the self-generated codes of a wave against the wave before it, per municipality. Responses
   * already linked (by receipt or device, or an earlier run) and earlier persons already present in the
   * wave are left out; ambiguous candidates are not linked; identical codes within a wave are flagged.
   */
  async matchWave(actor: Viewer | null, waveId: string): Promise<LinkingStats> {
    const scope: Scope = actor ? scopeOf(actor) : { kind: 'platform' };
    await this.requireWave(scope, waveId);
    const earlierWave = await this.waves.previousInProject(waveId);
    if (earlierWave) {
      for (const { municipalityId } of await this.repo.linkingCounts(waveId)) {
        await this.matchMunicipality(earlierWave.id, waveId, municipalityId);
      }
      await this.repo.markMatched(waveId, this.clock.now());
      await this.audit.record(actor, 'linking.match', { type: 'wave', id: waveId });
    }
    return this.stats(scope, waveId);
  }

  /** The matching job: every wave that has closed since its codes were last matched. */
  async matchClosedWaves(): Promise<number> {
    const due = await this.repo.wavesDueForMatching(this.clock.now());
    for (const waveId of due) await this.matchWave(null, waveId);
    return due.length;
  }

  private async requireWave(scope: Scope, waveId: string): Promise<void> {
    if (!(await this.waves.get(scope, waveId))) throw new NotFound('wave_not_found');
  }

  private async matchMunicipality(earlierWaveId: string, laterWaveId: string, municipalityId: string): Promise<void> {
    const [earlierRows, laterRows] = await Promise.all([
      this.repo.codeRecords(earlierWaveId, municipalityId),
      this.repo.codeRecords(laterWaveId, municipalityId),
    ]);
    const persons = await this.repo.persons([...new Set([...earlierRows, ...laterRows].map((r) => r.responseId))]);
    const later = toCodeRecords(laterRows).filter((r) => persons.get(r.id)?.linkMethod == null);
    const takenPersons = new Set([...persons.values()].filter((p) => p.linkMethod !== null).map((p) => p.personId));
    const earlier = toCodeRecords(earlierRows).filter((r) => !takenPersons.has(persons.get(r.id)?.personId ?? ''));
    for (const pair of matchCodes(earlier, later).pairs) {
      const person = persons.get(pair.earlierId);
      if (person) await this.repo.linkToPerson(pair.laterId, person.personId, 'code');
    }
    // Duplicates are flagged over the whole of both waves, also among answers already linked otherwise.
    const { duplicates } = matchCodes(toCodeRecords(earlierRows), toCodeRecords(laterRows));
    await this.repo.markCodeDuplicates(duplicates.flatMap((d) => d.ids));
  }

  async stats(scope: Scope, waveId: string): Promise<LinkingStats> {
    await this.requireWave(scope, waveId);
    const earlierWave = await this.waves.previousInProject(waveId);
    const counts = await this.repo.linkingCounts(waveId);
    return {
      earlierWave: earlierWave ? { id: earlierWave.id, label: earlierWave.label } : null,
      municipalities: counts.map((c) => ({
        municipalityId: c.municipalityId,
        name: c.name,
        responses: c.responses,
        linked: { receipt: c.receipt, device: c.device, code: c.code },
        unlinked: c.responses - c.receipt - c.device - c.code,
        duplicates: c.duplicates,
      })),
    };
  }

  /** The retention job: every project past its end date is made anonymous, once; audited. */
  async anonymiseEndedProjects(): Promise<number> {
    const today = osloDate(this.clock.now());
    const due = await this.repo.projectsDueForAnonymisation(today);
    for (const project of due) {
      const textItems = await this.freeTextItemIds(project.id);
      const { responses } = await this.repo.anonymise(project.id, textItems, this.clock.now());
      await this.audit.record(null, 'project.anonymise', { type: 'project', id: project.id }, { responses });
    }
    return due.length;
  }

  private async freeTextItemIds(projectId: string): Promise<string[]> {
    const ids = new Set<string>();
    for (const v of await this.repo.instrumentsOfProject(projectId)) {
      const instrument: Instrument = await this.instruments.get(v.instrumentId, v.instrumentVersion);
      for (const section of instrument.sections) for (const item of section.items) if (item.type === 'text') ids.add(item.id);
    }
    return [...ids];
  }
}

/** Linking looks only at earlier waves of the link's project, in its municipality. */
function scopeOfLink(link: LinkContext): LinkScope {
  return { projectId: link.projectId, municipalityId: link.municipalityId, waveId: link.waveId };
}

/** Code hash rows → one record per response, components in definition order (null when not given). */
function toCodeRecords(rows: { responseId: string; part: number; hash: string }[]): { id: string; components: (string | null)[] }[] {
  const byResponse = new Map<string, (string | null)[]>();
  for (const row of rows) {
    if (row.part === 0) continue;
    let components = byResponse.get(row.responseId);
    if (!components) {
      components = SGIC_COMPONENTS.map(() => null);
      byResponse.set(row.responseId, components);
    }
    components[row.part - 1] = row.hash;
  }
  return [...byResponse].map(([id, components]) => ({ id, components }));
}
