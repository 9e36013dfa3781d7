// What a profile knows about a person, and who said it. A browser's claim may fill what is unknown and update what a
// browser said before, but never overwrites what a stronger source said (a signed identify, a server, the CRM): that
// claim is kept, with its source and time, as a refused claim for people to see.
import type { Provenance } from "../../../schema/vocabulary";
import type { Identifier } from "./identity";

/** Refused claims kept per profile, newest last. */
export const MAX_CLAIMS = 20;

export interface Claim {
  at: number;
  source: Provenance;
  /** trait values not applied, because a stronger source said otherwise */
  traits?: Record<string, unknown>;
  /** identifiers another profile holds, claimed without verification; nothing was linked */
  identity?: { profile: string; identifiers: Identifier[] };
}

export interface KnownTraits {
  traits: Record<string, unknown>;
  /** each trait's source; traits stored before sources were kept count as a browser's */
  trait_sources: Record<string, Provenance>;
  claims: Claim[];
}

const strength = (p: Provenance | undefined) => (p === undefined || p === "browser" ? 0 : 1);

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** The traits after `incoming` from `source` at `at`. Null and undefined values are ignored (an event never erases). */
export function withTraits(known: KnownTraits, incoming: Record<string, unknown>, source: Provenance, at: number): KnownTraits {
  const traits = { ...known.traits };
  const sources = { ...known.trait_sources };
  const refused: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(incoming)) {
    if (value === null || value === undefined) continue;
    if (!(key in traits) || strength(source) >= strength(sources[key])) {
      traits[key] = value;
      sources[key] = source;
    } else if (!same(traits[key], value)) refused[key] = value;
  }
  const claims = Object.keys(refused).length ? withClaim(known.claims, { at, source, traits: refused }) : known.claims;
  return { traits, trait_sources: sources, claims };
}

export function withClaim(claims: Claim[], claim: Claim): Claim[] {
  return [...claims, claim].slice(-MAX_CLAIMS);
}

/** Two profiles' traits as one: the survivor's win, each with its own source; claims are kept in time order. */
export function mergedTraits(survivor: KnownTraits, gone: KnownTraits): KnownTraits {
  return {
    traits: { ...gone.traits, ...survivor.traits },
    trait_sources: { ...gone.trait_sources, ...survivor.trait_sources },
    claims: [...gone.claims, ...survivor.claims].sort((a, b) => a.at - b.at).slice(-MAX_CLAIMS),
  };
}
