// npm start: build the snippet, prepare local D1 (migrations + demo site), run wrangler dev on $PORT (default 8787).
// --demo-data (npm run start:demo): once healthy, send the demo data set through /collect (plain npm start never seeds).
import path from "node:path";
import { root, startCollector } from "./local.mjs";

const port = Number(process.env.PORT ?? 8787);
const persistDir = path.join(root, ".wrangler/state");
// Alerts link to the dashboard at PUBLIC_URL: here, this run's own address (unless one is given).
const vars = { PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${port}` };
const collector = await startCollector({ port, persistDir, ip: process.env.HOST ?? "localhost", inherit: true, vars });
console.log(`\nPista is running on http://localhost:${port}\n  demo page:  http://localhost:${port}/demo\n  dashboard:  http://localhost:${port}/dashboard (token dev-admin-token)\n  snippet:    http://localhost:${port}/p.js\n`);
const stop = () => (collector.stop(), process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
collector.child.on("exit", (code) => process.exit(code ?? 0));
if (process.argv.includes("--demo-data")) {
  const { seedDemoData } = await import("./seed-demo-data.mjs");
  try {
    const sent = await seedDemoData({ url: collector.url });
    console.log(`\nDemo data: sent ${sent.events} events of ${sent.visitors} visitors (${sent.accepted} accepted); the queue stores them within seconds.\n`);
  } catch (err) {
    console.error(`\nDemo data not sent: ${err.message}\n`);
  }
}
