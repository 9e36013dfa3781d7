// What a stage reached is worth to an ad platform: the deal the CRM recorded, on the customer stage only (the deal is
// won there; putting it on MQL or SQL too would count the same money several times in value-based bidding).
import type { AdStage } from "../../../schema/destinations";

export interface StageValue {
  value: number;
  currency: string;
}

export function stageValue(stage: AdStage, deal: { amount: number; currency: string } | null): StageValue | null {
  return stage === "customer" && deal ? { value: deal.amount, currency: deal.currency } : null;
}
