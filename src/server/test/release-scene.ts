// A closed wave with answers in a region's municipalities and one outside it, and the people who view its
// release (admin, leaders, a unit leader, the region's coordinator), for the release and report tests.
import { expect } from 'vitest';
import type { Language } from '../../contracts/instrument.js';
import { buildAdmin, buildCoordinator, buildLeader, buildLink, buildMunicipality, buildProject, buildRegion, buildUnit, buildUnitLeader, buildWave } from './factories.js';
import { login, type LoggedIn, type TestApp } from './test-app.js';

export interface ReleaseScene {
  region: { id: string };
  gol: { id: string };
  hol: { id: string };
  nes: { id: string };
  /** Gol's units A (12 answers), B (10) and C (3). */
  units: { id: string }[];
  project: { id: string };
  wave: { id: string; projectId: string; label: string };
  /** Logged in after the wave has closed: admin, leader (Gol), holLeader, unitLeader (Gol's unit A), coordinator. */
  sessions: Record<'admin' | 'leader' | 'holLeader' | 'unitLeader' | 'coordinator', LoggedIn>;
  /** Submits `n` answers through the survey API while the wave is open (they differ a little within a group). */
  respond(token: string, unitId: string | null, n: number, q: number): Promise<void>;
}

export const SCENE_CLOSED = new Date('2026-03-25T10:00:00Z');

/**
 * Gol (25 answers in three units), Hol (7) and `extra` further municipalities of the region Hallingdal, Nes (9)
 * outside it. `before` runs while the wave is still open (more waves, links, answers); then the clock moves
 * past the close and the viewers log in.
 */
export async function buildReleaseScene(
  t: TestApp,
  o: {
    waveLabel?: string;
    languages?: { gol?: Language; hol?: Language };
    /** Extra answers beside the test instrument's items. */
    extraAnswers?: (i: number) => Record<string, string | number>;
    before?: (scene: Omit<ReleaseScene, 'sessions'>, links: Record<string, string>) => Promise<void>;
  } = {},
): Promise<ReleaseScene> {
  const region = await buildRegion(t.db, { name: 'Hallingdal' });
  const gol = await buildMunicipality(t.db, { name: 'Gol', regionId: region.id, ...(o.languages?.gol ? { defaultLanguage: o.languages.gol } : {}) });
  const hol = await buildMunicipality(t.db, { name: 'Hol', regionId: region.id, ...(o.languages?.hol ? { defaultLanguage: o.languages.hol } : {}) });
  const nes = await buildMunicipality(t.db, { name: 'Nes' });
  // Attributes for the breakdowns by size class, county, region and centrality (Nes made large and central).
  const attributes = [[gol, 4600, 5], [hol, 4400, 6], [nes, 22_000, 3]] as const;
  for (const [m, population, centrality] of attributes) {
    await t.db.updateTable('municipality').set({ population, county_code: '33', county_name: 'Buskerud', centrality }).where('id', '=', m.id).execute();
  }
  const units = [
    await buildUnit(t.db, { municipalityId: gol.id, name: 'A heimeteneste' }),
    await buildUnit(t.db, { municipalityId: gol.id, name: 'B sjukeheim' }),
    await buildUnit(t.db, { municipalityId: gol.id, name: 'C tildeling' }),
  ];
  const project = await buildProject(t.db, { kMin: 5 });
  const wave = await buildWave(t.db, { projectId: project.id, label: o.waveLabel ?? 'T0', opensAt: new Date('2026-03-01T00:00:00Z'), closesAt: new Date('2026-03-20T00:00:00Z') });
  const respond = async (token: string, unitId: string | null, n: number, q: number) => {
    for (let i = 0; i < n; i++) {
      const v = ((q + i) % 5) + 1;
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/survey/${token}/responses`,
        payload: { idempotencyKey: crypto.randomUUID(), consentVersion: 1, language: 'nb', unitId, answers: { ...o.extraAnswers?.(i), 'ts:q1': v, 'ts:q2': q, 'ts:q3': 6 - v } },
      });
      expect(res.statusCode).toBe(201);
    }
  };
  const links = Object.fromEntries(await Promise.all([gol, hol, nes].map(async (m) => [m.id, (await buildLink(t.db, { waveId: wave.id, municipalityId: m.id })).token] as const)));
  await respond(links[gol.id]!, units[0]!.id, 12, 4);
  await respond(links[gol.id]!, units[1]!.id, 10, 2);
  await respond(links[gol.id]!, units[2]!.id, 3, 1);
  await respond(links[hol.id]!, null, 7, 3);
  await respond(links[nes.id]!, null, 9, 4);
  const scene = { region, gol, hol, nes, units, project, wave, respond };
  await o.before?.(scene, links);
  await t.db.updateTable('project_municipality').set({ benchmark_opt_in: true }).where('project_id', '=', project.id).where('municipality_id', 'in', [gol.id, hol.id, nes.id]).execute();

  t.clock.set(SCENE_CLOSED);
  const accounts = {
    admin: await buildAdmin(t.db),
    leader: await buildLeader(t.db, { municipalityId: gol.id }),
    holLeader: await buildLeader(t.db, { municipalityId: hol.id }),
    unitLeader: await buildUnitLeader(t.db, { unitId: units[0]!.id }),
    coordinator: await buildCoordinator(t.db, { regionId: region.id }),
  };
  const sessions = {} as ReleaseScene['sessions'];
  for (const [key, a] of Object.entries(accounts)) sessions[key as keyof typeof accounts] = await login(t.app, a.email, a.password);
  return { ...scene, sessions };
}
