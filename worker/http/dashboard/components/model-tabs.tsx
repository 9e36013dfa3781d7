// The model switcher: one link per attribution model, so switching is a plain navigation (no JavaScript needed).
import { MODELS, type Model } from "../../../core/attribution";
import { MODEL_LABELS } from "../../../../schema/vocabulary";
import { hrefOf, type Params } from "../links";

/** `path`: the page the tabs switch (the attribution page unless another, such as Channels, says so). */
export function ModelTabs(props: { current: Model; params: Params; path?: string }) {
  return (
    <nav aria-labelledby="model-h">
      <h2 id="model-h" class="sr-only">Attribution model</h2>
      <ul class="tabs">
        {MODELS.map((m) => (
          <li>
            <a href={hrefOf(props.path ?? "/dashboard/attribution", { ...props.params, model: m })} aria-current={m === props.current ? "page" : undefined} data-model={m}>
              {MODEL_LABELS[m]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
