import { sql } from 'kysely';
import { startServer } from './src/server/server.js';
const t = Date.now();
const s = await startServer({ port: 0, host: '127.0.0.1', dataDir: 'memory://', seed: 'demo', log: false, jobs: false });
console.log('started', Date.now() - t);
const r = await sql<any>`select m.name, w.label, rs.scale_id, count(*)::int n, round(avg(score),1)::float8 mean, round(stddev(score),1)::float8 sd from response_score rs join municipality m on m.id = rs.municipality_id join wave w on w.id = rs.wave_id group by 1,2,3 order by 2,1,3`.execute(s.db);
console.table(r.rows);
await s.close();
