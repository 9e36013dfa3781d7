// SSRF guard for webhook URLs: a subscription may only make the Worker call a public https endpoint.
import { ipv4Blocked, ipv4Octets, ipv6Blocked, ipv6Groups } from "./ip-ranges";

export interface UrlPolicy {
  /** local development (ENVIRONMENT=development): http and loopback (127.0.0.0/8, ::1, localhost) are allowed */
  allowLocal: boolean;
}

export type CheckedUrl = { ok: true; url: string } | { ok: false; reason: string };

/** Cloud metadata endpoints reachable by name (their IPs are caught by the link-local and CGNAT ranges). */
const METADATA_HOSTS = ["metadata.google.internal", "metadata.goog", "metadata.tencentyun.com", "instance-data.ec2.internal"];
/** Suffixes that never name a public host (RFC 6761, RFC 8375, common private zones). */
const PRIVATE_SUFFIXES = ["localhost", "local", "localdomain", "internal", "intranet", "lan", "home.arpa", "arpa", "test", "invalid", "onion"];
/** Public wildcard-DNS services that resolve a name like 127.0.0.1.nip.io to the IP inside it. */
const IP_ECHO_DOMAINS = ["nip.io", "sslip.io", "xip.io", "localtest.me", "lvh.me", "vcap.me"];

const under = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);
const isLoopbackName = (host: string) => under(host, "localhost");
const isLoopback = (host: string) => isLoopbackName(host) || ipv4Octets(host)?.[0] === 127 || host === "[::1]";

function hostProblem(host: string, policy: UrlPolicy): string | null {
  if (host.startsWith("[")) {
    const groups = ipv6Groups(host.slice(1, -1));
    if (!groups) return "the host is not a valid IPv6 address";
    const loopback = groups.slice(0, 7).every((g) => g === 0) && groups[7] === 1;
    if (loopback && policy.allowLocal) return null;
    const why = ipv6Blocked(groups);
    return why ? `the host is not a public address (${why})` : null;
  }
  const octets = ipv4Octets(host);
  if (octets) {
    if (octets[0] === 127 && policy.allowLocal) return null;
    const why = ipv4Blocked(octets);
    return why ? `the host is not a public address (${why})` : null;
  }
  // The URL parser turns decimal, hex and octal IPv4 forms into dotted quads; anything still numeric is refused.
  if (host.split(".").every((label) => /^(0x[0-9a-f]*|\d+)$/i.test(label))) return "the host is an IP address in an unusual encoding";
  if (isLoopbackName(host)) return policy.allowLocal ? null : "localhost is not reachable from the collector";
  if (METADATA_HOSTS.some((m) => under(host, m))) return "the host is a cloud metadata endpoint";
  if (!host.includes(".")) return "the host must be a fully qualified public domain name";
  if (PRIVATE_SUFFIXES.some((s) => under(host, s))) return "the host is in a private or reserved domain";
  if (IP_ECHO_DOMAINS.some((d) => under(host, d))) return "the host is a wildcard DNS name that maps to an IP address";
  return null;
}

/** The normalised URL a webhook may be sent to, or why it may not. */
export function checkedWebhookUrl(raw: string, policy: UrlPolicy): CheckedUrl {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "not an absolute URL" };
  }
  const local = policy.allowLocal && url.protocol === "http:";
  if (url.protocol !== "https:" && !local) return { ok: false, reason: policy.allowLocal ? "must use https (or http in development)" : "must use https" };
  if (url.username || url.password) return { ok: false, reason: "must not contain a user name or password" };
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  if (host === "") return { ok: false, reason: "has no host" };
  const problem = hostProblem(host, policy);
  if (problem) return { ok: false, reason: problem };
  // Plain http is for the local receiver only, never for a public host.
  if (url.protocol === "http:" && !isLoopback(host)) return { ok: false, reason: "must use https" };
  url.hash = "";
  return { ok: true, url: url.href };
}
