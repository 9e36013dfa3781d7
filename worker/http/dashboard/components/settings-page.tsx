// The frame of every settings page: the site's name, the settings tabs, a notice, then the page's own sections.
import type { Child } from "hono/jsx";
import type { PageContext } from "../page-context";
import { Layout } from "./layout";
import { SettingsTabs, type SettingsTab } from "./settings-tabs";

export function SettingsFrame(props: { ctx: PageContext; tab: SettingsTab; title: string; notice?: string; error?: string; refreshSeconds?: number; children?: Child }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={props.title} section="settings" refreshSeconds={props.refreshSeconds}>
      <h1>{`Settings · ${ctx.site.name}`}</h1>
      <SettingsTabs ctx={ctx} current={props.tab} />
      {props.notice && <p class="notice" role="status">{props.notice}</p>}
      {props.error && <p class="error" role="alert">{props.error}</p>}
      {props.children}
    </Layout>
  );
}
