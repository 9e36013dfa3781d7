// Messages shown after a form's redirect. The query names a notice by code; free text is never echoed back.
const NOTICES: Record<string, (q: Record<string, string>) => string> = {
  saved: (q) => `Saved as version ${Number(q.version) || "?"}; existing profiles are being rescored.`,
  replayed: () => "Replay queued: the delivery is sent again with the same webhook-id.",
  stage: () => "Stage changed; connected CRMs are told by webhook.",
  erased: () => "The person was erased.",
  signed_out: () => "You are signed out.",
  site_saved: () => "Site saved.",
  domain_added: () => "Domain added: its pages' beacons are counted from now on.",
  site_deleted: () => "The site and everything stored about it were deleted.",
  routing_saved: (q) => `Routing saved as version ${Number(q.version) || "?"}; leads that qualify from now on get an owner.`,
  test_alert: () => "Test alert queued: it goes through the same delivery, retries and log as real alerts.",
  owner: () => "Owner changed; the new owner is alerted and connected CRMs are told by webhook.",
  account_owner: () => "Account owner saved: the account's new people go to this owner.",
};

export function noticeOf(q: Record<string, string>): string | undefined {
  return q.notice ? NOTICES[q.notice]?.(q) : undefined;
}
