// The SSRF guard for webhook URLs: hostile URLs are refused with a reason, public https URLs pass, development relaxes only loopback.
import { describe, expect, it } from "vitest";
import { checkedWebhookUrl } from "../../worker/core/net/ssrf";

const PRODUCTION = { allowLocal: false };
const DEVELOPMENT = { allowLocal: true };

const HOSTILE: [string, string, RegExp][] = [
  ["plain http", "http://crm.example.com/hook", /https/],
  ["another scheme", "ftp://crm.example.com/hook", /https/],
  ["a file URL", "file:///etc/passwd", /https/],
  ["a javascript URL", "javascript:alert(1)", /https/],
  ["no URL at all", "not a url", /absolute URL/],
  ["a user name", "https://user@crm.example.com/hook", /user name/],
  ["a user name and password", "https://user:pw@crm.example.com/hook", /user name/],
  ["userinfo hiding the real host", "https://crm.example.com@127.0.0.1/hook", /user name/],
  ["localhost", "https://localhost/hook", /localhost/],
  ["localhost with a trailing dot", "https://localhost./hook", /localhost/],
  ["a localhost subdomain", "https://api.localhost/hook", /localhost/],
  ["IPv4 loopback", "https://127.0.0.1/hook", /loopback/],
  ["another loopback address", "https://127.1.2.3:8443/hook", /loopback/],
  ["loopback in decimal", "https://2130706433/hook", /loopback/],
  ["loopback in hex", "https://0x7f000001/hook", /loopback/],
  ["loopback in dotted hex", "https://0x7f.0x0.0x0.0x1/hook", /loopback/],
  ["loopback in octal", "https://0177.0.0.01/hook", /loopback/],
  ["loopback shortened", "https://127.1/hook", /loopback/],
  ["this network", "https://0.0.0.0/hook", /this network/],
  ["private 10/8", "https://10.1.2.3/hook", /private/],
  ["private 172.16/12", "https://172.20.0.5/hook", /private/],
  ["private 192.168/16", "https://192.168.1.1/hook", /private/],
  ["private 192.168/16 in decimal", "https://3232235777/hook", /private/],
  ["carrier-grade NAT", "https://100.100.100.200/latest/meta-data", /carrier-grade NAT/],
  ["the cloud metadata IP", "https://169.254.169.254/latest/meta-data/", /link-local/],
  ["the metadata IP in hex", "https://0xa9fea9fe/latest/meta-data/", /link-local/],
  ["link-local", "https://169.254.1.1/hook", /link-local/],
  ["multicast", "https://224.0.0.1/hook", /multicast/],
  ["broadcast", "https://255.255.255.255/hook", /reserved/],
  ["documentation range", "https://192.0.2.10/hook", /documentation/],
  ["benchmarking range", "https://198.18.0.1/hook", /benchmarking/],
  ["IPv6 loopback", "https://[::1]/hook", /not a global unicast/],
  ["IPv6 unspecified", "https://[::]/hook", /not a global unicast/],
  ["IPv6 unique-local", "https://[fd12:3456:789a::1]/hook", /not a global unicast/],
  ["IPv6 link-local", "https://[fe80::1]/hook", /not a global unicast/],
  ["IPv4-mapped loopback", "https://[::ffff:127.0.0.1]/hook", /not a global unicast/],
  ["IPv4-mapped metadata IP", "https://[::ffff:169.254.169.254]/hook", /not a global unicast/],
  ["NAT64 of a private IP", "https://[64:ff9b::a00:1]/hook", /not a global unicast/],
  ["6to4", "https://[2002:7f00:1::1]/hook", /6to4/],
  ["Teredo", "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook", /IETF/],
  ["IPv6 documentation", "https://[2001:db8::1]/hook", /documentation/],
  ["Google's metadata host", "https://metadata.google.internal/computeMetadata/v1/", /metadata/],
  ["a metadata host with a trailing dot", "https://metadata.google.internal./computeMetadata/v1/", /metadata/],
  ["a bare single-label host", "https://metadata/hook", /fully qualified/],
  ["an intranet name", "https://intranet/hook", /fully qualified/],
  ["an .internal zone", "https://crm.corp.internal/hook", /private or reserved/],
  ["an mDNS name", "https://printer.local/hook", /private or reserved/],
  ["a home network name", "https://nas.home.arpa/hook", /private or reserved/],
  ["a wildcard-DNS name for loopback", "https://127.0.0.1.nip.io/hook", /wildcard DNS/],
  ["a wildcard-DNS name for the metadata IP", "https://169-254-169-254.sslip.io/hook", /wildcard DNS/],
  ["localtest.me", "https://app.localtest.me/hook", /wildcard DNS/],
];

describe("checkedWebhookUrl in production", () => {
  it.each(HOSTILE)("refuses %s", (_what, url, reason) => {
    const checked = checkedWebhookUrl(url, PRODUCTION);
    expect(checked.ok).toBe(false);
    expect(checked.ok ? "" : checked.reason).toMatch(reason);
  });

  it.each([
    ["a public https URL", "https://crm.example.com/hooks/pista", "https://crm.example.com/hooks/pista"],
    ["an upper-case host (normalised)", "https://CRM.Example.COM/x?a=1", "https://crm.example.com/x?a=1"],
    ["a port and a query", "https://hooks.example.org:8443/in?token=abc", "https://hooks.example.org:8443/in?token=abc"],
    ["a fragment (dropped: it is never sent)", "https://crm.example.com/hook#frag", "https://crm.example.com/hook"],
    ["a public IPv4 address", "https://203.0.114.7/hook", "https://203.0.114.7/hook"],
    ["a public IPv6 address", "https://[2606:4700:4700::1111]/hook", "https://[2606:4700:4700::1111]/hook"],
    ["an internationalised domain", "https://bücher.example/hook".replace(".example", ".de"), "https://xn--bcher-kva.de/hook"],
  ])("accepts %s", (_what, url, normalised) => {
    expect(checkedWebhookUrl(url, PRODUCTION)).toEqual({ ok: true, url: normalised });
  });
});

describe("checkedWebhookUrl in development", () => {
  it.each([
    ["http to 127.0.0.1 with a port", "http://127.0.0.1:9999/hook"],
    ["http to localhost", "http://localhost:3000/hook"],
    ["http to IPv6 loopback", "http://[::1]:3000/hook"],
    ["https to localhost", "https://localhost/hook"],
  ])("allows %s", (_what, url) => {
    expect(checkedWebhookUrl(url, DEVELOPMENT).ok).toBe(true);
  });

  it.each([
    ["http to a public host", "http://crm.example.com/hook", /https/],
    ["a private address", "http://192.168.1.10/hook", /private/],
    ["the metadata IP", "http://169.254.169.254/latest/meta-data/", /link-local/],
    ["userinfo", "http://user:pw@127.0.0.1:9999/hook", /user name/],
    ["http to a name that merely starts with 127.", "http://127.example.com/hook", /https/],
  ])("still refuses %s", (_what, url, reason) => {
    const checked = checkedWebhookUrl(url, DEVELOPMENT);
    expect(checked.ok ? "" : checked.reason).toMatch(reason);
  });
});
