/**
 * Waves (one collection round of a project, e.g. T0 and T1), their per-municipality dates, staff-count
 * snapshots and survey links.
 */
import { sql, type Kysely } from 'kysely';
import type { Language } from '../../contracts/instrument.js';
import type { DB } from '../db/schema.js';
import { municipalityFilter, type Scope } from '../services/access.js';

export interface WaveRecord {
  id: string;
  projectId: string;
  label: string;
  instrumentId: string;
  instrumentVersion: string;
  opensAt: Date;
  closesAt: Date;
}

/** Everything a respondent request needs about its link, in one query. */
export interface LinkContext {
  linkId: string;
  token: string;
  waveId: string;
  waveLabel: string;
  projectId: string;
  projectEndDate: string;
  instrumentId: string;
  instrumentVersion: string;
  /** The municipality's dates: its own when set, else the wave's. */
  opensAt: Date;
  closesAt: Date;
  municipalityId: string;
  municipalityName: string;
  defaultLanguage: Language;
  unitId: string | null;
  unitName: string | null;
  sharedDevice: boolean;
  /** The project's newest consent version (null when it has none). */
  consentVersion: number | null;
}

export interface LinkRecord {
  id: string;
  waveId: string;
  municipalityId: string;
  unitId: string | null;
  sharedDevice: boolean;
  token: string;
  /** Set when the link serves another form than the wave's instrument. */
  instrumentId: string | null;
  instrumentVersion: string | null;
}

const waveColumns = [
  'w.id',
  'w.project_id as projectId',
  'w.label',
  'w.instrument_id as instrumentId',
  'w.instrument_version as instrumentVersion',
  'w.opens_at as opensAt',
  'w.closes_at as closesAt',
] as const;

const linkColumns = [
  'l.id',
  'l.wave_id as waveId',
  'l.municipality_id as municipalityId',
  'l.unit_id as unitId',
  'l.shared_device as sharedDevice',
  'l.token',
  'l.instrument_id as instrumentId',
  'l.instrument_version as instrumentVersion',
] as const;

/** A scope's links (alias l): its municipalities' — for a unit leader only their unit's and the whole municipality's. */
function linksInScope(scope: Scope) {
  const ids = municipalityFilter(scope);
  const parts = [sql`true`];
  if (ids) parts.push(sql`l.municipality_id in (${sql.join(ids)})`);
  if (scope.kind === 'unit') parts.push(sql`(l.unit_id = ${scope.unitId} or l.unit_id is null)`);
  return sql<boolean>`${sql.join(parts, sql` and `)}`;
}

export class WaveRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Every wave for the platform; for a municipality, the waves of the projects it takes part in. */
  list(scope: Scope): Promise<WaveRecord[]> {
    let q = this.db.selectFrom('wave as w').select(waveColumns);
    const ids = municipalityFilter(scope);
    if (ids) {
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('project_municipality as pm')
            .select('pm.project_id')
            .whereRef('pm.project_id', '=', 'w.project_id')
            .where('pm.municipality_id', 'in', ids),
        ),
      );
    }
    return q.orderBy('w.opens_at').orderBy('w.label').execute();
  }

  async get(scope: Scope, id: string): Promise<WaveRecord | undefined> {
    const waves = this.db.selectFrom('wave as w').select(waveColumns).where('w.id', '=', id);
    const ids = municipalityFilter(scope);
    if (!ids) return waves.executeTakeFirst();
    return waves
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('project_municipality as pm')
            .select('pm.project_id')
            .whereRef('pm.project_id', '=', 'w.project_id')
            .where('pm.municipality_id', 'in', ids),
        ),
      )
      .executeTakeFirst();
  }

  /** The wave of the same project that opened last before this one (what a response in this wave links back to). */
  previousInProject(waveId: string): Promise<WaveRecord | undefined> {
    return this.db
      .selectFrom('wave as w')
      .innerJoin('wave as current', (j) => j.on('current.id', '=', waveId))
      .select(waveColumns)
      .whereRef('w.project_id', '=', 'current.project_id')
      .whereRef('w.opens_at', '<', 'current.opens_at')
      .orderBy('w.opens_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  create(input: Omit<WaveRecord, 'id'>): Promise<WaveRecord> {
    return this.db
      .insertInto('wave')
      .values({
        project_id: input.projectId,
        label: input.label,
        instrument_id: input.instrumentId,
        instrument_version: input.instrumentVersion,
        opens_at: input.opensAt,
        closes_at: input.closesAt,
      })
      .returning([
        'id',
        'project_id as projectId',
        'label',
        'instrument_id as instrumentId',
        'instrument_version as instrumentVersion',
        'opens_at as opensAt',
        'closes_at as closesAt',
      ])
      .executeTakeFirstOrThrow();
  }

  /** A municipality's dates in a wave: its own when set, else the wave's. */
  async datesFor(waveId: string, municipalityId: string): Promise<{ opensAt: Date; closesAt: Date } | undefined> {
    return this.db
      .selectFrom('wave as w')
      .leftJoin('wave_municipality as wm', (j) => j.onRef('wm.wave_id', '=', 'w.id').on('wm.municipality_id', '=', municipalityId))
      .select([
        sql<Date>`coalesce(wm.opens_at, w.opens_at)`.as('opensAt'),
        sql<Date>`coalesce(wm.closes_at, w.closes_at)`.as('closesAt'),
      ])
      .where('w.id', '=', waveId)
      .executeTakeFirst();
  }

  /**
   * Copies the current headcounts of the project's units into staff_count for the wave, once: rows
   * already there stay (idempotent, safe when two instances race).
   */
  async snapshotStaffCounts(waveId: string, now: Date): Promise<number> {
    const r = await sql`
      INSERT INTO staff_count (wave_id, unit_id, municipality_id, profession, headcount, snapshotted_at)
      SELECT w.id, u.id, u.municipality_id, NULL, u.staff_count, ${now}
      FROM wave w
      JOIN project_municipality pm ON pm.project_id = w.project_id
      JOIN unit u ON u.municipality_id = pm.municipality_id
      WHERE w.id = ${waveId}
        AND NOT EXISTS (SELECT 1 FROM staff_count s WHERE s.wave_id = w.id AND s.municipality_id = u.municipality_id)
      ON CONFLICT DO NOTHING`.execute(this.db);
    return Number(r.numAffectedRows ?? 0);
  }

  /** Waves that have opened but have no staff snapshot yet for some member municipality. */
  async wavesNeedingSnapshot(now: Date): Promise<string[]> {
    const rows = await sql<{ id: string }>`
      SELECT DISTINCT w.id FROM wave w
      JOIN project_municipality pm ON pm.project_id = w.project_id
      LEFT JOIN wave_municipality wm ON wm.wave_id = w.id AND wm.municipality_id = pm.municipality_id
      WHERE coalesce(wm.opens_at, w.opens_at) <= ${now}
        AND NOT EXISTS (SELECT 1 FROM staff_count s WHERE s.wave_id = w.id AND s.municipality_id = pm.municipality_id)
        AND EXISTS (SELECT 1 FROM unit u WHERE u.municipality_id = pm.municipality_id)`.execute(this.db);
    return rows.rows.map((r) => r.id);
  }

  // ---- links

  findLinkContext(token: string): Promise<LinkContext | undefined> {
    return this.db
      .selectFrom('survey_link as l')
      .innerJoin('wave as w', 'w.id', 'l.wave_id')
      .innerJoin('project as p', 'p.id', 'w.project_id')
      .innerJoin('municipality as m', 'm.id', 'l.municipality_id')
      .leftJoin('unit as u', 'u.id', 'l.unit_id')
      .leftJoin('wave_municipality as wm', (j) => j.onRef('wm.wave_id', '=', 'l.wave_id').onRef('wm.municipality_id', '=', 'l.municipality_id'))
      .select([
        'l.id as linkId',
        'l.token',
        'l.wave_id as waveId',
        'w.label as waveLabel',
        'w.project_id as projectId',
        'p.end_date as projectEndDate',
        sql<string>`coalesce(l.instrument_id, w.instrument_id)`.as('instrumentId'),
        sql<string>`coalesce(l.instrument_version, w.instrument_version)`.as('instrumentVersion'),
        sql<Date>`coalesce(wm.opens_at, w.opens_at)`.as('opensAt'),
        sql<Date>`coalesce(wm.closes_at, w.closes_at)`.as('closesAt'),
        'l.municipality_id as municipalityId',
        'm.name as municipalityName',
        'm.default_language as defaultLanguage',
        'l.unit_id as unitId',
        'u.name as unitName',
        'l.shared_device as sharedDevice',
        sql<number | null>`(select max(c.version) from consent_text c where c.project_id = w.project_id)`.as('consentVersion'),
      ])
      .where('l.token', '=', token)
      .executeTakeFirst();
  }

  listLinks(scope: Scope, waveId: string): Promise<LinkRecord[]> {
    let q = this.db
      .selectFrom('survey_link as l')
      .innerJoin('municipality as m', 'm.id', 'l.municipality_id')
      .leftJoin('unit as u', 'u.id', 'l.unit_id')
      .select(linkColumns)
      .where('l.wave_id', '=', waveId);
    q = q.where(linksInScope(scope));
    return q.orderBy('m.name').orderBy(sql`u.name nulls first`).orderBy('l.shared_device').orderBy('l.created_at').execute();
  }

  getLink(scope: Scope, id: string): Promise<LinkRecord | undefined> {
    const q = this.db.selectFrom('survey_link as l').select(linkColumns).where('l.id', '=', id);
    return q.where(linksInScope(scope)).executeTakeFirst();
  }



  createLink(input: Omit<LinkRecord, 'id'>): Promise<LinkRecord> {
    return this.db
      .insertInto('survey_link')
      .values({
        token: input.token,
        wave_id: input.waveId,
        municipality_id: input.municipalityId,
        unit_id: input.unitId,
        shared_device: input.sharedDevice,
        instrument_id: input.instrumentId,
        instrument_version: input.instrumentVersion,
      })
      .returning([
        'id',
        'wave_id as waveId',
        'municipality_id as municipalityId',
        'unit_id as unitId',
        'shared_device as sharedDevice',
        'token',
        'instrument_id as instrumentId',
        'instrument_version as instrumentVersion',
      ])
      .executeTakeFirstOrThrow();
  }
}
