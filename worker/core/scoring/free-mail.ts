// Consumer mailbox providers: an address there says nothing about an employer, unlike a corporate domain.
const FREE_MAIL = new Set([
  "gmail.com", "googlemail.com", "yahoo.com", "ymail.com", "rocketmail.com", "outlook.com", "hotmail.com", "live.com",
  "msn.com", "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com", "protonmail.ch", "pm.me", "gmx.com",
  "gmx.net", "gmx.de", "gmx.at", "gmx.ch", "web.de", "aol.com", "mail.com", "email.com", "zoho.com", "zohomail.com",
  "yandex.com", "yandex.ru", "ya.ru", "mail.ru", "bk.ru", "inbox.ru", "list.ru", "rambler.ru", "qq.com", "163.com",
  "126.com", "sina.com", "naver.com", "daum.net", "hanmail.net", "tutanota.com", "tutanota.de", "tuta.io", "tuta.com",
  "fastmail.com", "fastmail.fm", "hey.com", "hushmail.com", "mailbox.org", "posteo.de", "t-online.de", "freenet.de",
  "libero.it", "virgilio.it", "tiscali.it", "alice.it", "orange.fr", "wanadoo.fr", "free.fr", "laposte.net", "sfr.fr",
  "seznam.cz", "wp.pl", "o2.pl", "interia.pl", "onet.pl", "rediffmail.com", "uol.com.br", "bol.com.br", "terra.com.br",
  "btinternet.com", "sky.com", "comcast.net", "verizon.net", "att.net", "sbcglobal.net", "cox.net", "shaw.ca",
]);

/** Providers with a mailbox under many country domains (yahoo.co.uk, hotmail.fr, outlook.de, gmx.es, …). */
const FREE_MAIL_BRANDS = new Set(["gmail", "googlemail", "yahoo", "ymail", "hotmail", "outlook", "live", "msn", "aol", "gmx", "yandex", "icloud", "proton", "protonmail"]);

export function isFreeMailDomain(domain: string, extra: readonly string[] = []): boolean {
  if (FREE_MAIL.has(domain) || extra.includes(domain)) return true;
  // brand + a short country tail only, so live.acme.com stays corporate
  const [brand, ...tail] = domain.split(".");
  return brand !== undefined && FREE_MAIL_BRANDS.has(brand) && tail.length >= 1 && tail.length <= 2 && tail.every((l) => l.length <= 3);
}
