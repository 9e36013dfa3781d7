// A dashboard session inside the Workers runtime: sign in with a token, then GET pages and POST forms as a browser
// on the dashboard's own origin would.
import { expect } from "vitest";
import { api } from "./support";

const ORIGIN = "https://pista.test";

export async function dashboardSession(token: string) {
  const signIn = await api("/dashboard/sign-in", {
    method: "POST", token: null, redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
    body: new URLSearchParams({ token }).toString(),
  });
  expect(signIn.status).toBe(303);
  const cookie = `pista_dashboard=${/pista_dashboard=([^;]+)/.exec(signIn.headers.get("set-cookie") ?? "")![1]!}`;
  return {
    get: (path: string) => api<string>(path, { token: null, redirect: "manual", headers: { cookie } }),
    post: (path: string, form: Record<string, string>) =>
      api<string>(path, {
        method: "POST", token: null, redirect: "manual",
        headers: { cookie, origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(form).toString(),
      }),
  };
}
