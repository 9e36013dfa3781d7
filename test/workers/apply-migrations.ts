// The integration tests start from the schema in schema/migrations, applied once per runtime to every database (the
// control database and first shard DB, and the second shard DB_2) — all of its statements in one D1 batch each. Test
// files share the databases and each test owns its sites, so nothing is reset between files.
import { env } from "cloudflare:test";

for (const db of [env.DB, env.DB_2!]) {
  const applied = await db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sites'").first();
  if (!applied) await db.batch(env.TEST_MIGRATIONS.flatMap((m) => m.queries).map((sql) => db.prepare(sql)));
}
