// Link clicks the snippet sends as "click": the collector tells outbound, download, mailto: and tel: apart.
import { describe, expect, it } from "vitest";
import { linkKind } from "../../worker/core/events/link-kind";

const PAGE = "https://www.example.com/links";

describe("linkKind", () => {
  const CASES: [what: string, href: string | undefined, kind: ReturnType<typeof linkKind>][] = [
    ["another host", "https://partner.example/offer?ref=pista", "outbound"],
    ["another subdomain", "https://docs.example.com/", "outbound"],
    ["another port", "https://www.example.com:8443/", "outbound"],
    ["a PDF on the site", "https://www.example.com/files/buyers-guide.pdf", "download"],
    ["an upper-case extension", "https://www.example.com/files/prices.XLSX", "download"],
    ["a PDF elsewhere (a download first)", "https://cdn.example.net/guide.pdf", "download"],
    ["an archive", "https://www.example.com/setup.tar.gz", "download"],
    ["an installer", "https://www.example.com/app.dmg", "download"],
    ["mailto:", "mailto:sales@example.com?subject=Demo", "mailto"],
    ["tel:", "tel:+14155550123", "tel"],
    ["a page of the site with an extension", "https://www.example.com/pricing.html", null],
    ["a PHP page", "https://www.example.com/index.php?x=1", null],
    ["javascript:", "javascript:void 0", null],
    ["data:", "data:text/plain,hi", null],
    ["no href", undefined, null],
    ["garbage", "http://[bad", null],
  ];
  it.each(CASES)("%s", (_what, href, kind) => {
    expect(linkKind(href, PAGE)).toBe(kind);
  });
});
