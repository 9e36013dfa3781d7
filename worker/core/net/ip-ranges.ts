// IP literals a webhook may not target: private, loopback, link-local, CGNAT, reserved and IPv4-in-IPv6 ranges.
// Kept as data (IANA special-purpose registries) so the SSRF guard reads as rules, not bit twiddling.

/** IPv4 special-purpose ranges (RFC 6890 and friends) as [first octets, prefix length, why]. */
const V4_BLOCKED: [number[], number, string][] = [
  [[0], 8, "this network"],
  [[10], 8, "private"],
  [[100, 64], 10, "carrier-grade NAT"],
  [[127], 8, "loopback"],
  [[169, 254], 16, "link-local (cloud metadata)"],
  [[172, 16], 12, "private"],
  [[192, 0, 0], 24, "IETF protocol assignments"],
  [[192, 0, 2], 24, "documentation"],
  [[192, 88, 99], 24, "6to4 relay"],
  [[192, 168], 16, "private"],
  [[198, 18], 15, "benchmarking"],
  [[198, 51, 100], 24, "documentation"],
  [[203, 0, 113], 24, "documentation"],
  [[224], 4, "multicast"],
  [[240], 4, "reserved"],
];

/** The four octets of a canonical dotted-quad address, or null. */
export function ipv4Octets(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const octets = m.slice(1).map(Number);
  return octets.every((o) => o <= 255) ? octets : null;
}

function inPrefix(value: number, bits: number, start: number, prefix: number): boolean {
  const shift = bits - prefix;
  return Math.floor(value / 2 ** shift) === Math.floor(start / 2 ** shift);
}

const v4Number = (o: number[]) => o.reduce((n, x) => n * 256 + x, 0);

/** Why an IPv4 address is not public, or null when it is. */
export function ipv4Blocked(octets: number[]): string | null {
  const n = v4Number(octets);
  for (const [start, prefix, why] of V4_BLOCKED) {
    const first = v4Number([...start, 0, 0, 0, 0].slice(0, 4));
    if (inPrefix(n, 32, first, prefix)) return why;
  }
  return null;
}

/** The eight 16-bit groups of an IPv6 literal (without brackets), or null when it is not one. */
export function ipv6Groups(literal: string): number[] | null {
  let text = literal.toLowerCase();
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const o = ipv4Octets(v4[1]!);
    if (!o) return null;
    text = `${text.slice(0, -v4[1]!.length)}${((o[0]! << 8) | o[1]!).toString(16)}:${((o[2]! << 8) | o[3]!).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const part = (s: string | undefined) => (s ? s.split(":") : []);
  const head = part(halves[0]);
  const tail = part(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => parseInt(g, 16));
}

/** Why an IPv6 address is not a plain public unicast address, or null when it is. */
export function ipv6Blocked(groups: number[]): string | null {
  const [a = 0, b = 0] = groups;
  // Everything outside global unicast 2000::/3 is loopback, unspecified, unique-local (fc00::/7), link-local
  // (fe80::/10), multicast, discard, or IPv4 mapped/compatible/NAT64 (which would reach IPv4 ranges by the back door).
  if (!inPrefix(a, 16, 0x2000, 3)) return "not a global unicast address (loopback, unique-local, link-local, mapped IPv4, …)";
  if (a === 0x2001 && b < 0x200) return "IETF protocol assignments (Teredo, benchmarking, ORCHID)";
  if (a === 0x2001 && b === 0xdb8) return "documentation";
  if (a === 0x2002) return "6to4 (embeds an IPv4 address)";
  return null;
}
