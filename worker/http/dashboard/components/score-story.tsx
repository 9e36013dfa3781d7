// A profile's numbers in plain words: each behaviour and fit rule that counted, and what made a lead suspect or junk.
import { describeQualityReason } from "../../../core/scoring";
import type { ProfileView } from "../../../core/profiles/view";
import { pointsText } from "../format";

type Item = ProfileView["score_breakdown"][number];

function Rules(props: { items: Item[]; empty: string }) {
  if (props.items.length === 0) return <p class="muted">{props.empty}</p>;
  return (
    <ul class="plain">
      {props.items.map((b) => (
        <li data-rule={b.rule}>
          <span class={`pts ${b.points < 0 ? "neg" : "pos"}`}>{pointsText(b.points)}</span> {b.description}
        </li>
      ))}
    </ul>
  );
}

export function ScoreStory(props: { p: ProfileView }) {
  const { p } = props;
  const behavior = p.score_breakdown.filter((b) => b.kind === "behavior");
  const fit = p.score_breakdown.filter((b) => b.kind === "fit");
  return (
    <div>
      <h3>{`Behaviour: score ${pointsText(p.score).replace(/^\+/, "")}`}</h3>
      <Rules items={behavior} empty="No behaviour has scored yet." />
      <h3>{`Fit: ${pointsText(p.fit).replace(/^\+/, "")}, ${p.grade ? `grade ${p.grade}` : "unknown fit (no grade yet)"}`}</h3>
      <Rules items={fit} empty="Nothing known about this person's fit yet." />
      <h3>{`Lead quality: ${p.quality.status}`}</h3>
      {p.quality.reasons.length === 0 ? (
        <p class="muted">No warning signs.</p>
      ) : (
        <ul>
          {p.quality.reasons.map((r) => (
            <li>{describeQualityReason(r)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
