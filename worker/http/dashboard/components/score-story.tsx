// A profile's numbers in plain words: each behaviour and fit rule that counted, and what made a lead suspect or junk.
import { describeQualityReason } from "../../../core/scoring";
import type { ProfileView } from "../../../core/profiles/view";
import type { ScoringConfig } from "../../../../schema/scoring";
import { pointsText, wordsOf } from "../format";

/**
 * What the number means on this site's scale: behaviour points that halve every half-life, the line at which a lead
 * becomes an mql, and the labels a score earns. Read from the site's own configuration.
 */
export function ScoreScale(props: { p: ProfileView; config: ScoringConfig }) {
  const { config } = props;
  const days = config.half_life_days;
  const { mql_min_score: mql, mql_min_grade: grade } = config.stages;
  const labels = config.labels.rules
    .filter((r) => r.when.min_score !== undefined)
    .map((r) => `${wordsOf(r.label)} from ${r.when.min_score}`);
  const position = props.p.score >= mql ? "at or above" : "below";
  return (
    <p class="muted small" id="score-scale">
      {`Score ${Math.round(props.p.score)}: points for what this person did, each worth half after ${days} day${days === 1 ? "" : "s"} without new activity. `}
      {`A lead becomes an mql at ${mql}${grade === "F" ? "" : ` with grade ${grade} or better`} (this one is ${position} it)`}
      {labels.length ? `; labels: ${labels.join(", ")}.` : "."}
      {" Fit (grade A–F) is separate: who the person is, not what they did."}
    </p>
  );
}

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
