// Every integration test file starts from the same schema, applied from schema/migrations.
import { applyD1Migrations, env } from "cloudflare:test";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
