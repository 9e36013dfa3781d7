// Referrer hosts that never start a touch by default: payment pages send the buyer back with their own referrer.

/** Suffix-matched: "stripe.com" also covers checkout.stripe.com. Sites add their own on top of these. */
export const DEFAULT_EXCLUDED_REFERRERS: readonly string[] = [
  "paypal.com", "paypal.me", "stripe.com", "checkout.stripe.com", "pay.google.com", "payments.google.com",
  "pay.amazon.com", "payments.amazon.com", "klarna.com", "adyen.com", "mollie.com", "braintreegateway.com",
  "squareup.com", "checkout.square.site", "paddle.com", "lemonsqueezy.com", "gocardless.com", "sofort.com",
  "3dsecure.io",
];
