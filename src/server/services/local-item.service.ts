/**
 * A municipality's own systems in a wave (local items) and the questionnaire its respondents are served:
 * the stored instrument plus a generated section of these (src/domain/local-items.ts). The stored
 * instrument never changes. Local items can be added, renamed or removed only until the wave opens for
 * the municipality; after that what was asked stays what is stored (409 local_items_locked).
 */
import type { LocalItem } from '../../contracts/api.js';
import type { Instrument, LocalizedText } from '../../contracts/instrument.js';
import { localItemIds, withLocalItems } from '../../domain/local-items.js';
import type { Clock } from '../adapters/clock.js';
import { Conflict, isUniqueViolation, NotFound, ValidationFailed } from '../errors.js';
import type { LocalItemRecord, LocalItemRepository } from '../repositories/local-item.repository.js';
import type { OrganisationRepository } from '../repositories/organisation.repository.js';
import type { WaveRepository } from '../repositories/wave.repository.js';
import { municipalitiesOf, scopeIncludes, scopeOf, type Viewer } from './access.js';
import type { AuditService } from './audit.service.js';
import type { InstrumentService } from './instrument.service.js';
import { waveStatus } from './wave-status.js';

/**
 * A served instrument is cached once the wave has been open this long for the municipality: its local
 * items can no longer change, so respondent requests then cost no extra query. The margin covers a
 * change that was checked just before opening and written just after.
 */
const SETTLED_MS = 60_000;
const CACHE_MAX = 5_000;

/** What decides the questionnaire one municipality's respondents get in a wave. */
export interface ServedFor {
  instrumentId: string;
  instrumentVersion: string;
  waveId: string;
  municipalityId: string;
  /** When the wave opens for the municipality (its own date, else the wave's). */
  opensAt: Date;
}

/** The namespace of a municipality's local item ids: its id, which never changes (names and SSB codes can). */
export const localNamespace = (municipalityId: string) => municipalityId;

export class LocalItemService {
  private readonly cache = new Map<string, { base: Instrument; served: Instrument }>();

  constructor(
    private readonly repo: LocalItemRepository,
    private readonly waves: WaveRepository,
    private readonly organisation: OrganisationRepository,
    private readonly instruments: InstrumentService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The questionnaire served in a wave to a municipality: the stored instrument plus its local systems, if any. */
  async served(target: ServedFor): Promise<Instrument> {
    const base = await this.instruments.get(target.instrumentId, target.instrumentVersion);
    const key = `${target.waveId}|${target.municipalityId}|${target.instrumentId}@${target.instrumentVersion}`;
    const cached = this.cache.get(key);
    if (cached && cached.base === base) return cached.served;
    const items = await this.repo.list(target.waveId, target.municipalityId);
    const served = withLocalItems(base, localNamespace(target.municipalityId), items);
    if (this.clock.now().getTime() - target.opensAt.getTime() >= SETTLED_MS) {
      if (this.cache.size >= CACHE_MAX) this.cache.clear();
      this.cache.set(key, { base, served });
    }
    return served;
  }

  /** A wave's local items: a leader sees their own municipality's, an admin all or those of `requested`. */
  async list(viewer: Viewer, waveId: string, requested: string | undefined): Promise<LocalItem[]> {
    const scope = scopeOf(viewer);
    if (!(await this.waves.get(scope, waveId))) throw new NotFound();
    if (requested !== undefined && !scopeIncludes(scope, requested)) throw new NotFound();
    const own = municipalitiesOf(scope);
    const municipalityId = requested ?? (own?.length === 1 ? own[0]! : null);
    const rows = (await this.repo.list(waveId, municipalityId)).filter((r) => scopeIncludes(scope, r.municipalityId));
    const editable = new Map<string, boolean>();
    for (const m of new Set(rows.map((r) => r.municipalityId))) editable.set(m, await this.editable(waveId, m));
    return rows.map((r) => this.present(r, editable.get(r.municipalityId) ?? false));
  }

  async create(viewer: Viewer, waveId: string, input: { municipalityId: string; key: string; name: LocalizedText }): Promise<LocalItem> {
    if (!(await this.waves.get({ kind: 'platform' }, waveId))) throw new NotFound();
    if (!(await this.organisation.getMunicipality({ kind: 'platform' }, input.municipalityId))) {
      throw new ValidationFailed([{ path: 'municipalityId', code: 'unknown_reference' }]);
    }
    await this.requireEditable(waveId, input.municipalityId);
    let row: LocalItemRecord;
    try {
      row = await this.repo.insert({ waveId, municipalityId: input.municipalityId, key: input.key, name: input.name });
    } catch (error) {
      if (isUniqueViolation(error)) throw new Conflict('already_exists', {}, [{ path: 'key', code: 'already_exists' }]);
      throw error;
    }
    await this.audit.record(viewer, 'local_item.create', { type: 'local_item', id: row.id, municipalityId: row.municipalityId }, { waveId, key: row.key });
    return this.present(row, true);
  }

  async update(viewer: Viewer, waveId: string, id: string, input: { name: LocalizedText }): Promise<LocalItem> {
    const existing = await this.repo.get(waveId, id);
    if (!existing) throw new NotFound();
    await this.requireEditable(waveId, existing.municipalityId);
    const row = await this.repo.updateName(id, input.name);
    await this.audit.record(viewer, 'local_item.update', { type: 'local_item', id, municipalityId: row.municipalityId }, { waveId, key: row.key });
    return this.present(row, true);
  }

  async remove(viewer: Viewer, waveId: string, id: string): Promise<void> {
    const existing = await this.repo.get(waveId, id);
    if (!existing) throw new NotFound();
    await this.requireEditable(waveId, existing.municipalityId);
    await this.repo.delete(id);
    await this.audit.record(viewer, 'local_item.delete', { type: 'local_item', id, municipalityId: existing.municipalityId }, { waveId, key: existing.key });
  }

  private async editable(waveId: string, municipalityId: string): Promise<boolean> {
    const dates = await this.waves.datesFor(waveId, municipalityId);
    return dates !== undefined && waveStatus(dates, this.clock.now()) === 'scheduled';
  }

  private async requireEditable(waveId: string, municipalityId: string): Promise<void> {
    if (!(await this.editable(waveId, municipalityId))) throw new Conflict('local_items_locked');
  }

  private present(r: LocalItemRecord, editable: boolean): LocalItem {
    return { ...r, itemIds: localItemIds(localNamespace(r.municipalityId), r.key), editable };
  }
}
