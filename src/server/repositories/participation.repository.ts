/**
 * Following one person over waves without knowing who they are: look-ups by receipt hash and by keyed
 * hashes of linking material, the pseudonymous person id that linked responses share, withdrawal (hard
 * delete of every response of a person in a project) and anonymisation at the project's end.
 */
import { sql, type Kysely } from 'kysely';
import type { Answers, Language } from '../../contracts/instrument.js';
import type { LinkMethod } from '../../contracts/api.js';
import { json, type DB } from '../db/schema.js';

/** Where a new response is given: linking looks only at earlier waves of the same project and municipality. */
export interface LinkScope {
  projectId: string;
  municipalityId: string;
  waveId: string;
}

export interface EarlierResponse {
  id: string;
  personId: string;
  waveId: string;
}

export interface ReceiptRecord {
  id: string;
  personId: string;
  projectId: string;
  projectEndDate: string;
  waveId: string;
  waveLabel: string;
  /** When the wave opened for the municipality (its own date, else the wave's). */
  opensAt: Date;
  municipalityId: string;
  municipalityName: string;
  instrumentId: string;
  instrumentVersion: string;
  submittedOn: string;
  language: Language;
  answers: Answers;
}

export interface CodeRecordRow {
  responseId: string;
  waveId: string;
  part: number;
  hash: string;
}

export interface LinkingCounts {
  municipalityId: string;
  name: string;
  responses: number;
  receipt: number;
  device: number;
  code: number;
  duplicates: number;
}

export class ParticipationRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Responses in waves of the scope's project and municipality that opened before the scope's wave, newest first. */
  private earlier(scope: LinkScope) {
    return this.db
      .selectFrom('response as r')
      .innerJoin('wave as w', 'w.id', 'r.wave_id')
      .innerJoin('wave as current', (j) => j.on('current.id', '=', scope.waveId))
      .where('w.project_id', '=', scope.projectId)
      .where('r.municipality_id', '=', scope.municipalityId)
      .whereRef('w.opens_at', '<', 'current.opens_at')
      .select(['r.id', 'r.person_id as personId', 'r.wave_id as waveId'])
      .orderBy('w.opens_at', 'desc')
      .limit(1);
  }

  findEarlierByReceipt(scope: LinkScope, receiptHash: string): Promise<EarlierResponse | undefined> {
    return this.earlier(scope).where('r.receipt_hash', '=', receiptHash).executeTakeFirst();
  }

  findEarlierByDevice(scope: LinkScope, deviceHash: string): Promise<EarlierResponse | undefined> {
    return this.earlier(scope)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('link_key as k')
            .whereRef('k.response_id', '=', 'r.id')
            .where('k.kind', '=', 'device')
            .where('k.part', '=', 0)
            .where('k.hash', '=', deviceHash),
        ),
      )
      .executeTakeFirst();
  }

  async personHasResponseIn(waveId: string, personId: string): Promise<boolean> {
    const row = await this.db.selectFrom('response').select('id').where('wave_id', '=', waveId).where('person_id', '=', personId).executeTakeFirst();
    return row !== undefined;
  }

  findByReceipt(receiptHash: string): Promise<ReceiptRecord | undefined> {
    return this.db
      .selectFrom('response as r')
      .innerJoin('wave as w', 'w.id', 'r.wave_id')
      .innerJoin('project as p', 'p.id', 'w.project_id')
      .innerJoin('municipality as m', 'm.id', 'r.municipality_id')
      .leftJoin('wave_municipality as wm', (j) => j.onRef('wm.wave_id', '=', 'r.wave_id').onRef('wm.municipality_id', '=', 'r.municipality_id'))
      .where('r.receipt_hash', '=', receiptHash)
      .select([
        'r.id',
        'r.person_id as personId',
        'p.id as projectId',
        'p.end_date as projectEndDate',
        'w.id as waveId',
        'w.label as waveLabel',
        sql<Date>`coalesce(wm.opens_at, w.opens_at)`.as('opensAt'),
        'm.id as municipalityId',
        'm.name as municipalityName',
        'r.instrument_id as instrumentId',
        'r.instrument_version as instrumentVersion',
        'r.submitted_on as submittedOn',
        'r.language',
        'r.answers',
      ])
      .executeTakeFirst();
  }

  /** The person's responses in the project's waves (including the one given). */
  async countPersonResponses(projectId: string, personId: string): Promise<number> {
    const row = await this.db
      .selectFrom('response as r')
      .innerJoin('wave as w', 'w.id', 'r.wave_id')
      .where('w.project_id', '=', projectId)
      .where('r.person_id', '=', personId)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Hard delete of every response of the person in the project; scores and linking hashes go with them (cascade). */
  async deletePerson(projectId: string, personId: string): Promise<{ waveId: string; municipalityId: string }[]> {
    return this.db
      .deleteFrom('response')
      .where('person_id', '=', personId)
      .where('wave_id', 'in', (eb) => eb.selectFrom('wave').select('id').where('project_id', '=', projectId))
      .returning(['wave_id as waveId', 'municipality_id as municipalityId'])
      .execute();
  }

  // ---- self-generated codes

  /** The code hashes (whole = part 0, components = 1…n) of the not yet linked-forward responses of a wave and municipality. */
  codeRecords(waveId: string, municipalityId: string): Promise<CodeRecordRow[]> {
    return this.db
      .selectFrom('link_key as k')
      .where('k.wave_id', '=', waveId)
      .where('k.municipality_id', '=', municipalityId)
      .where('k.kind', '=', 'code')
      .select(['k.response_id as responseId', 'k.wave_id as waveId', 'k.part', 'k.hash'])
      .execute();
  }

  /** Person id and link method of each response given. */
  async persons(responseIds: string[]): Promise<Map<string, { personId: string; linkMethod: LinkMethod | null }>> {
    if (responseIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('response')
      .where('id', 'in', responseIds)
      .select(['id', 'person_id as personId', 'link_method as linkMethod'])
      .execute();
    return new Map(rows.map((r) => [r.id, { personId: r.personId, linkMethod: r.linkMethod }]));
  }

  /** Links a later response to an earlier person; false when that person already has a response in the later wave. */
  async linkToPerson(responseId: string, personId: string, method: LinkMethod): Promise<boolean> {
    const r = await sql`
      UPDATE response SET person_id = ${personId}, link_method = ${method}
      WHERE id = ${responseId}
        AND NOT EXISTS (SELECT 1 FROM response o WHERE o.wave_id = response.wave_id AND o.person_id = ${personId})`.execute(this.db);
    return Number(r.numAffectedRows ?? 0) === 1;
  }

  async markCodeDuplicates(responseIds: string[]): Promise<void> {
    if (responseIds.length === 0) return;
    await this.db.updateTable('response').set({ code_duplicate: true }).where('id', 'in', responseIds).execute();
  }

  /** Per municipality of the wave: responses, and how many were linked to an earlier wave by each method. */
  async linkingCounts(waveId: string): Promise<LinkingCounts[]> {
    const rows = await this.db
      .selectFrom('response as r')
      .innerJoin('municipality as m', 'm.id', 'r.municipality_id')
      .where('r.wave_id', '=', waveId)
      .groupBy(['m.id', 'm.name'])
      .select((eb) => [
        'm.id as municipalityId',
        'm.name as name',
        eb.fn.countAll<string>().as('responses'),
        sql<string>`count(*) FILTER (WHERE r.link_method = 'receipt')`.as('receipt'),
        sql<string>`count(*) FILTER (WHERE r.link_method = 'device')`.as('device'),
        sql<string>`count(*) FILTER (WHERE r.link_method = 'code')`.as('code'),
        sql<string>`count(*) FILTER (WHERE r.code_duplicate)`.as('duplicates'),
      ])
      .orderBy('m.name')
      .execute();
    return rows.map((r) => ({
      municipalityId: r.municipalityId,
      name: r.name,
      responses: Number(r.responses),
      receipt: Number(r.receipt),
      device: Number(r.device),
      code: Number(r.code),
      duplicates: Number(r.duplicates),
    }));
  }

  /** Closed waves whose codes have not been matched since they closed and that have a wave before them. */
  async wavesDueForMatching(now: Date): Promise<string[]> {
    const rows = await sql<{ id: string }>`
      SELECT w.id FROM wave w
      WHERE w.closes_at <= ${now} AND (w.codes_matched_at IS NULL OR w.codes_matched_at < w.closes_at)
        AND EXISTS (SELECT 1 FROM wave e WHERE e.project_id = w.project_id AND e.opens_at < w.opens_at)`.execute(this.db);
    return rows.rows.map((r) => r.id);
  }

  async markMatched(waveId: string, now: Date): Promise<void> {
    await this.db.updateTable('wave').set({ codes_matched_at: now }).where('id', '=', waveId).execute();
  }

  // ---- the project's end

  /**
   * Makes a project's data anonymous: destroys linking hashes, receipt and idempotency hashes, gives every
   * response its own new person id, removes free text and drafts. Idempotent; one transaction.
   */
  async anonymise(projectId: string, freeTextItemIds: string[], now: Date): Promise<{ responses: number }> {
    return this.db.transaction().execute(async (trx) => {
      const waves = trx.selectFrom('wave').select('id').where('project_id', '=', projectId);
      await trx.deleteFrom('link_key').where('project_id', '=', projectId).execute();
      await trx.deleteFrom('draft').where('wave_id', 'in', waves).execute();
      const updated = await sql`
        UPDATE response SET
          receipt_hash = NULL,
          idempotency_hash = NULL,
          person_id = gen_random_uuid(),
          link_method = NULL,
          code_duplicate = false,
          answers = answers - ARRAY(SELECT jsonb_array_elements_text(${json(freeTextItemIds)}::jsonb))
        WHERE wave_id IN (SELECT id FROM wave WHERE project_id = ${projectId})`.execute(trx);
      await trx.updateTable('project').set({ anonymised_at: now }).where('id', '=', projectId).where('anonymised_at', 'is', null).execute();
      return { responses: Number(updated.numAffectedRows ?? 0) };
    });
  }

  /** Every questionnaire version the project's responses were given on (to find its free-text items). */
  instrumentsOfProject(projectId: string): Promise<{ instrumentId: string; instrumentVersion: string }[]> {
    return this.db
      .selectFrom('response as r')
      .innerJoin('wave as w', 'w.id', 'r.wave_id')
      .where('w.project_id', '=', projectId)
      .select(['r.instrument_id as instrumentId', 'r.instrument_version as instrumentVersion'])
      .distinct()
      .execute();
  }

  /** Projects whose end date has passed (in Norway) and whose data still hold linking material. */
  async projectsDueForAnonymisation(today: string): Promise<{ id: string }[]> {
    return this.db.selectFrom('project').select('id').where('end_date', '<', today).where('anonymised_at', 'is', null).execute();
  }
}
