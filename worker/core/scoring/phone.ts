// Is a phone number possible at all? libphonenumber's metadata (min build, to keep the Worker bundle small) decides.
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/min";

export type PhoneVerdict = "valid" | "impossible" | "unknown";

/** "unknown" when a national number comes without a country to read it by: no evidence against a real person. */
export function phoneVerdict(phone: string, country: string | null): PhoneVerdict {
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
