// Small labels for a profile's grade, stage, label and lead quality.
import { describeQualityReason } from "../../../core/scoring";
import { wordsOf } from "../format";

export function GradeBadge(props: { grade: string | null }) {
  if (!props.grade) return <span class="muted" title="Unknown fit: nothing the fit rules read is known yet" data-grade="unknown">— unknown fit</span>;
  return <span class={`badge grade-${props.grade}`} title="Fit grade (A best, F worst)" data-grade={props.grade}>{props.grade}</span>;
}

export function QualityBadge(props: { quality: { status: string; reasons: string[] } }) {
  const { status, reasons } = props.quality;
  const why = reasons.map(describeQualityReason).join("; ");
  return (
    <span class={`badge q-${status}`} title={why || undefined}>
      {status}
    </span>
  );
}

export function WordBadge(props: { value: string }) {
  return <span class="badge">{wordsOf(props.value)}</span>;
}
