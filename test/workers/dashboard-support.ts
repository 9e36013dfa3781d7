// A dashboard session inside the Workers runtime: sign in with a token, then GET pages and POST forms as a browser on
// the dashboard's own origin would, keeping the cookies the dashboard sets (the session, a secret shown once).
import { expect } from "vitest";
import { api } from "./support";

const ORIGIN = "https://pista.test";

export async function dashboardSession(token: string) {
  const jar = new Map<string, string>();
  /** Keeps what Set-Cookie says; an empty value or Max-Age=0 deletes. */
  const remember = (headers: Headers) => {
    for (const line of headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const [name = "", value = ""] = pair.trim().split(/=(.*)/s);
      if (value === "" || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a))) jar.delete(name);
      else jar.set(name, value);
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const signIn = await api("/dashboard/sign-in", {
    method: "POST", token: null, redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
    body: new URLSearchParams({ token }).toString(),
  });
  expect(signIn.status).toBe(303);
  remember(signIn.headers);
  expect(jar.has("pista_dashboard")).toBe(true);
  return {
    get: async (path: string) => {
      const res = await api<string>(path, { token: null, redirect: "manual", headers: { cookie: cookie() } });
      remember(res.headers);
      return res;
    },
    /** a form POST; pairs repeat a key, as a browser sends checkboxes */
    post: async (path: string, form: Record<string, string> | [string, string][]) => {
      const res = await api<string>(path, {
        method: "POST", token: null, redirect: "manual",
        headers: { cookie: cookie(), origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(form).toString(),
      });
      remember(res.headers);
      return res;
    },
  };
}
