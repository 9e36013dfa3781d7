// Messages shown after a form's redirect. The query names a notice by code; free text is never echoed back.
const NOTICES: Record<string, (q: Record<string, string>) => string> = {
  saved: (q) => `Saved as version ${Number(q.version) || "?"}; existing profiles are being rescored.`,
  replayed: () => "Replay queued: the delivery is sent again with the same webhook-id.",
  test_sent: () => "Test event queued: a webhook.test with a sample profile, signed and logged like any delivery.",
  webhook_created: () => "Endpoint added. Send it a test event to check that your CRM verifies it.",
  secret_rotated: () => "New secret made: deploy it to your CRM within a day.",
  webhook_saved: () => "Endpoint saved.",
  webhook_disabled: () => "Endpoint disabled: it is sent nothing until it is enabled again.",
  webhook_enabled: () => "Endpoint enabled.",
  webhook_deleted: () => "Endpoint and its delivery log deleted.",
  stage: () => "Stage changed; connected CRMs are told by webhook.",
  verdict: () => "Verdict saved; connected CRMs are told by webhook (profile.updated).",
  erased: () => "The person was erased.",
  signed_out: () => "You are signed out.",
  site_saved: () => "Site saved.",
  domain_added: () => "Domain added: its pages' beacons are counted from now on.",
  site_deleted: () => "The site and everything stored about it were deleted.",
  routing_saved: (q) => `Routing saved as version ${Number(q.version) || "?"}; leads that qualify from now on get an owner.`,
  test_alert: () => "Test alert queued: it goes through the same delivery, retries and log as real alerts.",
  owner: () => "Owner changed; the new owner is alerted and connected CRMs are told by webhook.",
  meta_saved: () => "Meta destination saved: stages reached from now on are sent to the pixel.",
  meta_deleted: () => "Meta destination removed, with its delivery log; nothing more is sent to Meta.",
  costs_imported: (q) => `Costs imported: ${Number(q.rows) || 0} rows; a day sent again replaced its row.`,
  currency_saved: () => "Currency and exchange rates saved; every report converts at them from now on.",
  account_owner: () => "Account owner saved: the account's new people go to this owner.",
};

export function noticeOf(q: Record<string, string>): string | undefined {
  return q.notice ? NOTICES[q.notice]?.(q) : undefined;
}
