// The demo seed: refuses production, makes the promised data, and is idempotent.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../adapters/clock.js';
import { secretsFromKey } from '../../adapters/secrets.js';
import { createServices, type Services } from '../../services/index.js';
import { testPasswords } from '../../test/factories.js';
import { testDb, type TestDatabase } from '../../test/test-db.js';
import type { Viewer } from '../../services/access.js';
import { breakdownGroupings } from '../../../domain/municipality-attributes.js';
import { DEMO_ATTRIBUTES, DEMO_LOCAL_SYSTEMS, DEMO_MUNICIPALITIES, seedDemo, type DemoSeedResult } from './demo.js';

let t: TestDatabase;
let services: Services;
const clock = fixedClock('2026-11-23T10:00:00Z');
let demo: DemoSeedResult;

beforeAll(async () => {
  t = await testDb();
  services = createServices({ db: t.db, clock, secrets: secretsFromKey(randomBytes(32)), passwords: testPasswords, publicUrl: () => 'http://localhost:3000' });
  demo = await seedDemo({ db: t.db, services, clock, nodeEnv: 'test' });
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('demo seed', () => {
  it('refuses to run with NODE_ENV=production', async () => {
    await expect(seedDemo({ db: t.db, services, clock, nodeEnv: 'production' })).rejects.toThrow(/production/);
  });

  it('makes twelve municipalities in two regions with plausible staff counts', async () => {
    const ms = await t.db.selectFrom('municipality').select(['ssb_code', 'default_language']).execute();
    expect(ms.map((m) => m.ssb_code).sort()).toEqual(['3320', '3322', '3324', '3326', '3328', '3330', '4022', '4028', '4030', '4032', '4034', '4036']);
    expect(await t.db.selectFrom('region').select('name').orderBy('name').execute()).toEqual([{ name: 'Hallinghelse' }, { name: 'Vest-Telemarkrådet' }]);
    const staff = DEMO_MUNICIPALITIES.flatMap((m) => m.units.map(([, n]) => n));
    const total = staff.reduce((s, n) => s + n, 0);
    expect(total).toBeGreaterThan(1400);
    expect(total).toBeLessThan(1700);
    expect(staff.some((n) => n < 10)).toBe(true);
  });

  it('gives every municipality its public attributes: county, centrality and a population for the size class', async () => {
    const groups = breakdownGroupings(await services.municipalityAttributes.breakdownMunicipalities());
    const byCode = new Map((await t.db.selectFrom('municipality').select(['id', 'ssb_code']).execute()).map((m) => [m.ssb_code, m.id]));
    for (const [code, id] of byCode) {
      expect(groups.county[id], code).toBe(code.startsWith('33') ? '33' : '40');
      expect(groups.centrality[id], code).toBe(String(DEMO_ATTRIBUTES[code]!.centrality));
      expect(groups.size_class[id], code).toBe('under_5000');
      expect(groups.region[id], code).toBeDefined();
    }
  });

  it('has a closed T0 with about 1,300 responses and an open T1 with about 150', async () => {
    expect(demo.responses.t0).toBeGreaterThan(1200);
    expect(demo.responses.t1).toBeGreaterThan(100);
    expect(demo.responses.t1).toBeLessThan(250);
    const waves = await t.db.selectFrom('wave').select(['label', 'opens_at', 'closes_at']).orderBy('label').execute();
    expect(waves[0]!.closes_at.getTime()).toBeLessThan(clock.now().getTime());
    expect(waves[1]!.opens_at.getTime()).toBeLessThan(clock.now().getTime());
    expect(waves[1]!.closes_at.getTime()).toBeGreaterThan(clock.now().getTime());
    const scored = await t.db.selectFrom('response_score').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(scored.n)).toBeGreaterThan(demo.responses.t0);
  });

  it('gives the fixed demo links and logins', async () => {
    expect(demo.links.map((l) => l.token)).toEqual(expect.arrayContaining(['demo-gol-t1', 'demo-gol-t1-tablet', 'demo-vinje-t1']));
    const tablet = await t.db.selectFrom('survey_link').select(['shared_device', 'unit_id']).where('token', '=', 'demo-gol-t1-tablet').executeTakeFirstOrThrow();
    expect(tablet.shared_device).toBe(true);
    expect(tablet.unit_id).not.toBeNull();
    const accounts = await t.db
      .selectFrom('account')
      .select(['email', 'role', sql<boolean>`totp_enabled_at is not null`.as('twoFactor')])
      .orderBy('email')
      .execute();
    // One login per role; the roles that need two-step login share the public demo TOTP secret.
    expect(accounts).toEqual([
      { email: 'admin@digikompass.test', role: 'platform_admin', twoFactor: true },
      { email: 'forskar@digikompass.test', role: 'researcher', twoFactor: true },
      { email: 'heimetenesta.gol@digikompass.test', role: 'unit_leader', twoFactor: false },
      { email: 'koordinator.hallinghelse@digikompass.test', role: 'region_coordinator', twoFactor: false },
      { email: 'leder.gol@digikompass.test', role: 'municipality_leader', twoFactor: true },
    ]);
    expect(demo.logins.map((l) => l.email).sort()).toEqual(accounts.map((a) => a.email));
  });

  it('has measured completion times whose medians meet the targets: full form ≤ 15 minutes, short form ≤ 5', async () => {
    const admin: Viewer = { accountId: '00000000-0000-4000-8000-000000000000', email: 'a@x', displayName: 'A', role: 'platform_admin', municipalityId: null };
    for (const wave of [demo.waves.t0, demo.waves.t1]) {
      const times = await services.results.completionTimes(admin, wave, undefined);
      const median = (form: string) => {
        const f = times.forms.find((x) => x.form === form)?.median;
        if (!f || f.suppressed) throw new Error(`no ${form} median in ${wave}`);
        return f;
      };
      const full = median('full');
      const short = median('short');
      console.log(`ℹ Demo ${wave === demo.waves.t0 ? 'T0' : 'T1'}: median completion time full ${full.minutes} min (n ${full.n}), short ${short.minutes} min (n ${short.n})`);
      expect(full.minutes).toBeLessThanOrEqual(15);
      expect(full.minutes).toBeGreaterThanOrEqual(10);
      expect(short.minutes).toBeLessThanOrEqual(5);
      expect(short.minutes).toBeGreaterThanOrEqual(3);
    }
    const unmeasured = await t.db.selectFrom('response').select('id').where('active_minutes', 'is', null).execute();
    expect(unmeasured).toEqual([]);
  });

  it("gives Gol's home care the short form and Gol two local systems in both waves", async () => {
    const gol = await t.db.selectFrom('municipality').select('id').where('name', '=', 'Gol').executeTakeFirstOrThrow();
    for (const wave of [demo.waves.t0, demo.waves.t1]) {
      const local = await services.repos.localItems.list(wave, gol.id);
      expect(local.map((l) => l.key)).toEqual(DEMO_LOCAL_SYSTEMS.map((l) => l.key));
      const forms = await t.db.selectFrom('response').select(['form', (eb) => eb.fn.countAll<number>().as('n')]).where('wave_id', '=', wave).where('municipality_id', '=', gol.id).groupBy('form').orderBy('form').execute();
      expect(forms.map((f) => f.form)).toEqual(['full', 'short']);
      const answered = await t.db.selectFrom('response').select('id').where('wave_id', '=', wave).where('municipality_id', '=', gol.id)
        .where(sql<boolean>`answers ? ${`local:${gol.id}:use_gerica`}`).execute();
      expect(answered.length).toBeGreaterThan(0);
    }
    const elsewhere = await t.db.selectFrom('response').select('id').where('municipality_id', '<>', gol.id).where(sql<boolean>`answers::text LIKE '%"local:%'`).execute();
    expect(elsewhere).toEqual([]);
  });

  it('links about two thirds of each municipality\'s T1 respondents to their T0 response, with the same background and a small gain', async () => {
    const rows = await t.db
      .selectFrom('response as r')
      .leftJoin('response as e', (j) => j.onRef('e.person_id', '=', 'r.person_id').on('e.wave_id', '=', demo.waves.t0))
      .select(['r.id', 'r.municipality_id as municipality', 'r.link_method as method', 'r.answers', 'e.id as earlier', 'e.municipality_id as earlierMunicipality', 'e.answers as earlierAnswers'])
      .where('r.wave_id', '=', demo.waves.t1)
      .execute();
    const byMunicipality = new Map<string, typeof rows>();
    for (const r of rows) byMunicipality.set(r.municipality, [...(byMunicipality.get(r.municipality) ?? []), r]);
    expect(byMunicipality.size).toBe(12);
    for (const [, list] of byMunicipality) {
      const linked = list.filter((r) => r.earlier !== null).length;
      // round(share × n) with the share drawn from 60–70 %
      expect(linked).toBeGreaterThanOrEqual(Math.round(0.6 * list.length) - 1);
      expect(linked).toBeLessThanOrEqual(Math.round(0.7 * list.length) + 1);
    }
    const linked = rows.filter((r) => r.earlier !== null);
    expect(linked.length / rows.length).toBeGreaterThan(0.6);
    expect(linked.length / rows.length).toBeLessThan(0.7);
    // A link has its method, and only a link has one; the same municipality and the same profession.
    expect(rows.filter((r) => (r.earlier === null) !== (r.method === null))).toEqual([]);
    expect(new Set(linked.map((r) => r.method))).toEqual(new Set(['receipt', 'device', 'code']));
    expect(linked.filter((r) => r.earlierMunicipality !== r.municipality)).toEqual([]);
    const profession = (a: unknown) => (a as Record<string, unknown>)['dk:profession'];
    expect(linked.filter((r) => profession(r.earlierAnswers) !== undefined && profession(r.answers) !== profession(r.earlierAnswers))).toEqual([]);
    // Paired change: the same people score a little higher on the first area at T1, and the two waves correlate.
    const score = async (ids: string[]) =>
      new Map((await t.db.selectFrom('response_score').select(['response_id', 'score']).where('scale_id', '=', 'area_care').where('response_id', 'in', ids).execute()).map((s) => [s.response_id, Number(s.score)]));
    const later = await score(linked.map((r) => r.id));
    const before = await score(linked.map((r) => r.earlier!));
    const pairs = linked.filter((r) => later.has(r.id) && before.has(r.earlier!)).map((r) => [later.get(r.id)!, before.get(r.earlier!)!] as const);
    expect(pairs.length).toBeGreaterThan(50);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const diff = mean(pairs.map(([a, b]) => a - b));
    expect(diff).toBeGreaterThan(0);
    const [mx, my] = [mean(pairs.map((p) => p[0])), mean(pairs.map((p) => p[1]))];
    const cov = mean(pairs.map(([a, b]) => (a - mx) * (b - my)));
    const r = cov / Math.sqrt(mean(pairs.map(([a]) => (a - mx) ** 2)) * mean(pairs.map(([, b]) => (b - my) ** 2)));
    console.log(`ℹ Demo T1: ${linked.length} of ${rows.length} linked; area_care pairs ${pairs.length}, mean change ${diff.toFixed(2)}, r(T0, T1) ${r.toFixed(2)}`);
    expect(r).toBeGreaterThan(0.4);
  });

  it('runs only once', async () => {
    const again = await seedDemo({ db: t.db, services, clock, nodeEnv: 'test' });
    expect(again.responses).toEqual(demo.responses);
    expect(await t.db.selectFrom('municipality').select('id').execute()).toHaveLength(12);
  });
});
