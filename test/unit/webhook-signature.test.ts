// Standard Webhooks signing: checked against the reference verifier (the standardwebhooks package) and the spec's example.
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { secretFromBytes, signature, signedHeaders } from "../../worker/core/webhooks/signature";

const SECRET = secretFromBytes(Uint8Array.from({ length: 24 }, (_, i) => i * 7 + 3));
const OTHER = secretFromBytes(Uint8Array.from({ length: 24 }, (_, i) => 255 - i));
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe("signature", () => {
  it("matches the example signature published with the Standard Webhooks reference libraries", async () => {
    const content = { id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1614265330, body: '{"test": 2432232314}' };
    expect(await signature("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", content)).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });

  it("makes a secret of whsec_ and the base64 of 24 bytes", () => {
    expect(SECRET).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(SECRET.slice(6), "base64")).toHaveLength(24);
  });
});

describe("signedHeaders", () => {
  it.each([
    ["a small JSON body", '{"type":"profile.identified"}'],
    ["a body with non-ASCII text", '{"name":"José Müller 🙂"}'],
    ["an empty body", ""],
  ])("is accepted by the reference verifier for %s", async (_what, body) => {
    const headers = await signedHeaders([SECRET], { id: "msg_abc", timestamp: nowSeconds(), body });
    expect(headers["webhook-id"]).toBe("msg_abc");
    expect(() => new Webhook(SECRET).verify(body, headers)).not.toThrow();
  });

  it("is rejected by the reference verifier when the body was changed", async () => {
    const headers = await signedHeaders([SECRET], { id: "msg_abc", timestamp: nowSeconds(), body: '{"score":10}' });
    expect(() => new Webhook(SECRET).verify('{"score":99}', headers)).toThrow();
  });

  it("is rejected under another secret", async () => {
    const headers = await signedHeaders([SECRET], { id: "msg_abc", timestamp: nowSeconds(), body: "{}" });
    expect(() => new Webhook(OTHER).verify("{}", headers)).toThrow();
  });

  it("carries both signatures during a rotation, so receivers on either secret verify", async () => {
    const headers = await signedHeaders([OTHER, SECRET], { id: "msg_rot", timestamp: nowSeconds(), body: "{}" });
    expect(headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(() => new Webhook(SECRET).verify("{}", headers)).not.toThrow();
    expect(() => new Webhook(OTHER).verify("{}", headers)).not.toThrow();
  });

  it("signs the timestamp, which receivers bound to five minutes", async () => {
    const headers = await signedHeaders([SECRET], { id: "msg_old", timestamp: nowSeconds() - 3600, body: "{}" });
    expect(() => new Webhook(SECRET).verify("{}", headers)).toThrow(/timestamp/i);
  });
});
