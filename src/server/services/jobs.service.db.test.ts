// The jobs table: claiming (SKIP LOCKED), periodic re-scheduling, and the draft purge after a wave closes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSurvey } from '../test/factories.js';
import { buildTestApp, type TestApp } from '../test/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const DAY = 24 * 60 * 60 * 1000;

describe('jobs', () => {
  it('purge drafts of closed waves only, idempotently, and schedule the next run', async () => {
    const open = await buildSurvey(t.db);
    const closing = await buildSurvey(t.db);
    await t.db.updateTable('wave').set({ closes_at: new Date(t.clock.now().getTime() + DAY) }).where('id', '=', closing.wave.id).execute();
    for (const s of [open, closing]) {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/survey/${s.link.token}/drafts`, payload: { consentVersion: 1, language: 'nb' } });
      expect(res.statusCode).toBe(201);
    }
    t.clock.advance(2 * DAY);
    await t.services.jobs.schedulePeriodic();
    const ran = await t.services.jobs.runDue();
    expect(ran).toBeGreaterThanOrEqual(5);
    const drafts = await t.db.selectFrom('draft').select('wave_id').execute();
    expect(drafts.map((d) => d.wave_id)).toContain(open.wave.id);
    expect(drafts.map((d) => d.wave_id)).not.toContain(closing.wave.id);

    // Nothing is due until a minute has passed; then the every-minute jobs run again, once each.
    expect(await t.services.jobs.runDue()).toBe(0);
    const periodic = ['anonymise_ended_projects', 'build_releases', 'match_codes', 'purge_closed_drafts', 'purge_expired', 'snapshot_staff_counts'];
    const pending = await t.db.selectFrom('job').select(['kind', 'run_at']).where('done_at', 'is', null).execute();
    expect(pending.map((p) => p.kind).sort()).toEqual(periodic);
    await t.services.jobs.schedulePeriodic();
    expect(await t.db.selectFrom('job').select('id').where('done_at', 'is', null).execute()).toHaveLength(periodic.length);
    t.clock.advance(61 * 1000);
    expect(await t.services.jobs.runDue()).toBe(3); // build_releases, purge_closed_drafts and snapshot_staff_counts
  });

  it('a claimed job is not claimed again while locked; a failing job is retried later', async () => {
    const repo = t.services.repos.infrastructure;
    await repo.enqueueJob({ kind: 'nothing_handles_this', runAt: t.clock.now() });
    const claimed = await repo.claimJob(t.clock.now(), 60_000);
    expect(claimed?.kind).toBe('nothing_handles_this');
    expect(await repo.claimJob(t.clock.now(), 60_000)).toBeUndefined();
    await repo.failJob(claimed!.id, 'boom', new Date(t.clock.now().getTime() + 1000), t.clock.now());
    t.clock.advance(2000);
    expect((await repo.claimJob(t.clock.now(), 60_000))?.id).toBe(claimed!.id);
  });
});
