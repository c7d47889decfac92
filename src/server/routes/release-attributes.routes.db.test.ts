// Breakdowns by municipality attributes (size class, county, region, centrality), like those of national
// surveys: benchmark and region releases are broken down by the attributes their municipalities differ in,
// and the views add the releases of a viewer up group by group from shown figures only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReleaseView } from '../../contracts/release.js';
import { attributeRows } from '../../domain/release-reading.js';
import { reportText } from '../report-texts.js';
import { pdfText } from '../test/pdf-text.js';
import { buildReleaseScene, type ReleaseScene } from '../test/release-scene.js';
import { buildTestApp, type LoggedIn, type TestApp } from '../test/test-app.js';

let t: TestApp;
let scene: ReleaseScene;

const view = async (who: LoggedIn): Promise<ReleaseView> => {
  const res = await t.app.inject({ url: `/api/v1/waves/${scene.wave.id}/release`, headers: { cookie: who.cookie } });
  expect(res.statusCode).toBe(200);
  return res.json();
};
const counts = (v: ReleaseView, dimension: string) =>
  attributeRows([v.own!, ...v.benchmarks], dimension, ['skills'])!.map((r) => [r.group, r.name, r.respondents]);

beforeAll(async () => {
  t = await buildTestApp();
  // Gol (25 answers; under 5,000, centrality 5) and Hol (7; under 5,000, centrality 6) in Hallingdal, Nes (9;
  // 20,000 and over, centrality 3) outside it; all in Buskerud.
  scene = await buildReleaseScene(t);
  await t.services.releases.buildFor(scene.wave.id, scene.gol.id, { early: false, by: null });
});
afterAll(async () => t?.close());

describe('a release and municipality attributes', () => {
  it("records a municipality's own attributes as shared by the whole release", async () => {
    const v = await view(scene.sessions.leader);
    expect(v.own!.attributes).toEqual({
      size_class: { same: 'under_5000', name: null },
      county: { same: '33', name: 'Buskerud' },
      region: { same: scene.region.id, name: 'Hallingdal' },
      centrality: { same: '5', name: null },
    });
    expect(Object.keys(v.own!.groupings)).not.toContain('centrality');
  });

  it("lets a leader compare by size class, county, region and centrality over their municipality and the benchmarks", async () => {
    const v = await view(scene.sessions.leader);
    expect(counts(v, 'size_class')).toEqual([['under_5000', null, 32], ['20000_plus', null, 9]]);
    expect(counts(v, 'county')).toEqual([['33', 'Buskerud', 41]]);
    // Nes belongs to no region: it is in no region's row.
    expect(counts(v, 'region')).toEqual([[scene.region.id, 'Hallingdal', 32]]);
    expect(counts(v, 'centrality')).toEqual([['3', null, 9], ['5', null, 25], ['6', null, 7]]);
  });

  it('breaks the region down by the attribute its members differ in, with the same protection', async () => {
    const v = await view(scene.sessions.coordinator);
    expect(v.own!.attributes!.centrality).toEqual({ same: null, name: null });
    expect(v.own!.groupings.centrality!.groups.map((g) => [g.id, g.figure])).toEqual([
      ['5', { shown: true, n: 25 }],
      ['6', { shown: true, n: 7 }],
    ]);
    const level = Object.values(v.own!.answers).find((a) => a.id.startsWith('level:'))!;
    expect(level.byGroup.centrality).toBeTruthy();
    expect(counts(v, 'centrality')).toEqual([['3', null, 9], ['5', null, 25], ['6', null, 7]]);
    const pooled = attributeRows([v.own!, ...v.benchmarks], 'size_class', Object.keys(v.own!.means))!;
    expect(pooled.map((r) => r.respondents)).toEqual([32, 9]);
  });

  it('puts the comparison by municipality type in the report, in the municipality’s language', async () => {
    const res = await t.app.inject({ url: `/api/v1/waves/${scene.wave.id}/report.pdf`, headers: { cookie: scene.sessions.leader.cookie } });
    expect(res.statusCode).toBe(200);
    const text = pdfText(res.rawPayload).text.replace(/\s+/g, ' ');
    expect(text).toContain(reportText('nn', 'attributesHeading'));
    expect(text).toContain(reportText('nn', 'attributesCaption', { dimension: reportText('nn', 'grouping_centrality') }));
    expect(text).toContain(reportText('nn', 'centralityClass', { class: 3 }));
    expect(text).toContain(reportText('nn', 'size_20000_plus'));
  });
});
