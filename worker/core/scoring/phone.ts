// Is a phone number possible at all? libphonenumber's metadata (min build, to keep the Worker bundle small) decides.
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/min";
import { boundedMemo } from "./memo";

export type PhoneVerdict = "valid" | "impossible" | "unknown";

/** "unknown" when a national number comes without a country to read it by: no evidence against a real person. */
function verdictOf(phone: string, country: string | null): PhoneVerdict {
  const text = phone.trim().replace(/^00/, "+");
  const withoutExtension = text.replace(/\s*(?:ext\.?|x|#)\s*\d+$/i, "");
  const digits = withoutExtension.replace(/\D/g, "");
  if (/[a-z]/i.test(withoutExtension) || digits.length < 5 || digits.length > 17) return "impossible";
  const region = country?.toUpperCase();
  const defaultCountry = region && isSupportedCountry(region) ? (region as CountryCode) : undefined;
  if (!text.startsWith("+") && !defaultCountry) return "unknown";
  const parsed = parsePhoneNumberFromString(withoutExtension, defaultCountry);
  return parsed?.isValid() ? "valid" : "impossible";
}

/** Parsing costs ~30 µs and a profile's phone is re-checked on every event, so verdicts are remembered. */
const remembered = boundedMemo(2000, (key) => {
  const [phone = "", country = ""] = key.split("\u0000");
  return verdictOf(phone, country || null);
});

export function phoneVerdict(phone: string, country: string | null): PhoneVerdict {
  return remembered(`${phone}\u0000${country ?? ""}`);
}
