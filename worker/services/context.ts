// What every use case is given: the bindings, the moment of the request, who asks, and a way to finish work after
// the response (webhook sweeps). The JSON API and the dashboard build it the same way (http/context.ts).
import type { Env } from "../env";
import type { Principal } from "./auth";

export interface Ctx {
  env: Env;
  now: number;
  principal: Principal;
  /** work that may finish after the response */
  later(work: Promise<unknown>): void;
}
