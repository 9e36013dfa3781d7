// The integration tests start from the schema in schema/migrations, applied once per runtime — all of its statements
// in one D1 batch. Test files share the database and each test owns its sites, so nothing is reset between files.
import { env } from "cloudflare:test";

const applied = await env.DB.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sites'").first();
if (!applied) await env.DB.batch(env.TEST_MIGRATIONS.flatMap((m) => m.queries).map((sql) => env.DB.prepare(sql)));
