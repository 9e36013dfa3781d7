// The settings sections of one site, as tabs (plain links).
import { hrefOf } from "../links";
import type { PageContext } from "../page-context";

export type SettingsTab = "site" | "scoring" | "webhooks" | "routing" | "destinations";

const TABS: [SettingsTab, string, string][] = [
  ["site", "Site and install", "/dashboard/settings"],
  ["scoring", "Scoring", "/dashboard/settings/scoring"],
  ["webhooks", "Webhooks", "/dashboard/settings/webhooks"],
  ["routing", "Owners and routing", "/dashboard/settings/routing"],
  ["destinations", "Destinations", "/dashboard/settings/destinations"],
];

export function SettingsTabs(props: { ctx: PageContext; current: SettingsTab }) {
  return (
    <nav aria-label="Settings sections">
      <ul class="tabs">
        {TABS.map(([key, label, path]) => (
          <li>
            <a href={hrefOf(path, { site: props.ctx.site.id })} aria-current={key === props.current ? "page" : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
