// Splits one profile's touches into journeys: one per conversion, plus a non-converting tail.
import { DIRECT, NO_TOUCH_KEY, type Journey, type JourneyTouch } from "./types";

interface ProfileHistory {
  touches: JourneyTouch[];
  conversions: { at: number; value: number }[];
}

/**
 * Touches after the previous conversion and at or before this one belong to it (a touch at exactly the
 * conversion time included). A conversion with no new touch since the previous one happened in the session of
 * the latest touch, so it gets that touch again; with no touch at all it gets one synthetic Direct "(none)"
 * touch, so its credit still lands somewhere and totals still add up. Touches after the last conversion form
 * one non-converting journey (nulls: 1, at: its last touch).
 */
export function journeysOf(input: ProfileHistory): Journey[] {
  const touches = inTimeOrder(input.touches);
  const conversions = inTimeOrder(input.conversions);
  const journeys: Journey[] = [];
  let next = 0;
  for (const conversion of conversions) {
    const from = next;
    while (next < touches.length && touches[next]!.at <= conversion.at) next++;
    const own = touches.slice(from, next);
    const previous = touches[next - 1];
    const path = own.length > 0 ? own : previous ? [previous] : [noTouchAt(conversion.at)];
    journeys.push({ touches: path, conversions: 1, value: conversion.value, nulls: 0, at: conversion.at });
  }
  const tail = touches.slice(next);
  const last = tail[tail.length - 1];
  if (last) journeys.push({ touches: tail, conversions: 0, value: 0, nulls: 1, at: last.at });
  return journeys;
}

function noTouchAt(at: number): JourneyTouch {
  return { key: NO_TOUCH_KEY, channel: DIRECT, at };
}

/** Input usually arrives sorted (ORDER BY in SQL); only an unsorted list pays for a copy and sort. */
function inTimeOrder<T extends { at: number }>(items: T[]): T[] {
  for (let i = 1; i < items.length; i++) {
    if (items[i]!.at < items[i - 1]!.at) return [...items].sort((a, b) => a.at - b.at);
  }
  return items;
}
