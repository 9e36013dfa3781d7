// What a link click the snippet sent as "click" was: an outbound link, a file download, a mailto: or tel: link, or
// nothing worth keeping (a link within the site). The snippet sends a link when its host differs from the page's,
// its path has an extension, or it has a download attribute (sent as "download" directly); the table of file
// extensions lives here, where it costs the snippet no bytes. Pure.

/** File extensions counted as downloads: documents, archives, installers, media. */
export const DOWNLOAD_EXTENSIONS =
  /\.(pdf|(doc|xls|ppt)x?|odt|ods|odp|csv|txt|rtf|zip|rar|7z|gz|tgz|bz2|xz|tar|dmg|exe|msi|pkg|deb|rpm|apk|ipa|mp[34]|m4a|mov|avi|wmv|webm|wav|key|pages|numbers|epub)$/i;

export type LinkKind = "outbound" | "download" | "mailto" | "tel";

/** The kind of a clicked link (`href`) on the page at `pageUrl`; null for a link that stays within the site. */
export function linkKind(href: string | null | undefined, pageUrl: string): LinkKind | null {
  let link: URL;
  try {
    link = new URL(href ?? "", pageUrl);
  } catch {
    return null;
  }
  if (link.protocol === "mailto:") return "mailto";
  if (link.protocol === "tel:") return "tel";
  if (link.protocol !== "http:" && link.protocol !== "https:") return null; // javascript:, data:, blob: …
  if (DOWNLOAD_EXTENSIONS.test(link.pathname)) return "download";
  let page: URL | null = null;
  try {
    page = new URL(pageUrl);
  } catch {
    // a page URL that is not absolute: no host to compare with
  }
  return page && link.host !== page.host ? "outbound" : null;
}
