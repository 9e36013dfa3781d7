// Times every attribution model on 100k synthetic journeys of ~10 touches (run: npx tsx bench/attribution-pure.ts).
import { attribute, MODELS, type AttributionOptions, type Journey, type Model } from "../worker/core/attribution/index";
import { seededRandom as randomOf } from "../test/support/seeded-random";

const DAY_MS = 86_400_000;
const CHANNELS = ["Direct", "Organic Search", "Paid Search", "Organic Social", "Paid Social", "Email"];

/** "mixed": any key anywhere (dense transition graph). "campaigns": half the touches carry no campaign (key 0,
 * a hub), the rest stay within ~8 neighbouring campaigns that run together (a sparse graph). */
type Shape = "mixed" | "campaigns";

function syntheticJourneys(count: number, keyCount: number, seed: number, shape: Shape = "mixed"): Journey[] {
  const random = randomOf(seed);
  const keys = Array.from({ length: keyCount }, (_, i) => `key-${i}`);
  const journeys: Journey[] = [];
  const at = 1_750_000_000_000;
  for (let j = 0; j < count; j++) {
    const length = 5 + Math.floor(random() * 11); // 5..15, mean 10
    const base = Math.floor(random() * keyCount);
    const touches = Array.from({ length }, (_, i) => {
      // Skewed towards low ids, like real channel mixes.
      const k =
        shape === "mixed"
          ? Math.floor(random() * random() * keyCount)
          : random() < 0.5
            ? 0
            : (base + Math.floor(random() * 8)) % keyCount;
      return { key: keys[k]!, channel: CHANNELS[k % CHANNELS.length]!, at: at - (length - i) * DAY_MS };
    });
    const converts = random() < 0.3;
    journeys.push({ touches, conversions: converts ? 1 : 0, value: converts ? random() * 100 : 0, nulls: converts ? 0 : 1, at });
  }
  return journeys;
}

function msPerRun(run: () => void, repeats: number): number {
  run(); // warm up the JIT once so the figure is the steady state
  const started = performance.now();
  for (let i = 0; i < repeats; i++) run();
  return (performance.now() - started) / repeats;
}

interface Scenario {
  keys: number;
  shape: Shape;
  runs: { model: Model; options?: AttributionOptions; label?: string }[];
}

const scenarios: Scenario[] = [
  { keys: 12, shape: "mixed", runs: MODELS.map((model) => ({ model })) },
  { keys: 400, shape: "mixed", runs: [{ model: "markov" }] },
  { keys: 1_000, shape: "mixed", runs: [{ model: "markov" }] },
  {
    keys: 1_000,
    shape: "campaigns",
    runs: [{ model: "markov" }, { model: "markov", options: { markovSolver: "iterative" }, label: "markov iterative" }],
  },
  {
    keys: 5_000,
    shape: "campaigns",
    runs: [{ model: "linear" }, { model: "markov", options: { markovMaxKeys: 1_000 }, label: "markov ≤1000 keys" }],
  },
];

for (const s of scenarios) {
  const journeys = syntheticJourneys(100_000, s.keys, 42, s.shape);
  const touches = journeys.reduce((sum, j) => sum + j.touches.length, 0);
  console.log(`${journeys.length} journeys, ${touches} touches, ${s.keys} keys, ${s.shape}`);
  for (const { model, options, label } of s.runs) {
    const repeats = s.keys > 12 && model === "markov" ? 1 : 5;
    const ms = msPerRun(() => attribute(journeys, model, options), repeats);
    console.log(`  ${(label ?? model).padEnd(18)} ${ms.toFixed(1)} ms`);
  }
}
