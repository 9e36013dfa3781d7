// Link clicks that matter for leads: outbound links, file downloads, mailto: and tel:, by left or middle click.
// Navigation is never delayed: the event waits in the queue, flushed with sendBeacon when the page is hidden.
import type { WireKind } from "../../schema/wire";
import { eventOf } from "./event";
import { enqueue } from "./queue";
import { on } from "./safe";

/** File extensions counted as downloads: documents, archives, installers, media. */
const FILE = /\.(pdf|(doc|xls|ppt)x?|odt|csv|txt|rtf|zip|rar|7z|gz|tar|dmg|exe|msi|pkg|deb|rpm|apk|mp[34]|mov|avi|wav|key)$/i;

const clicked = (e: MouseEvent): void => {
  const a = (e.target as Element).closest("a");
  const scheme = a && a.protocol.slice(0, -1);
  const kind =
    scheme &&
    (scheme == "mailto" || scheme == "tel"
      ? scheme
      : a.hasAttribute("download") || FILE.test(a.pathname)
        ? "download"
        : // javascript:, data: and blob: links have no host of their own
          a.host && a.host != location.host && "outbound");
  // button 0 is a click, 1 a middle click (auxclick); a right click opens a menu, not the link.
  if (kind && e.button < 2 && !a.closest("[data-pista-ignore]")) enqueue(eventOf(kind as WireKind, { n: a.href }));
};

export const initClicks = (): void => {
  on("click", clicked);
  on("auxclick", clicked);
};
