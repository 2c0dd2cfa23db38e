// PII scrubbing applied before anything is cached or shown: emails, Luhn-valid card numbers, US SSNs and phone
// numbers in free text; field values of sensitive inputs never kept. Rules follow posthog-js's autocapture
// (packages/browser-common/src/utils/autocapture-utils.ts, FACTS.md section 8).

export const REDACTED = {
  email: '[email]',
  card: '[card]',
  ssn: '[ssn]',
  phone: '[phone]',
} as const;

const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi;
/** 13-19 digits, optionally grouped by spaces or dashes. */
const CARD_CANDIDATE = /\b(?:\d[ -]?){12,18}\d\b/g;
const SSN = /\b(?!000|666|9\d\d)\d{3}-?(?!00)\d{2}-?(?!0000)\d{4}\b/g;
/** International or national phone numbers with at least 9 digits, common separators allowed. */
const PHONE = /(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,4}){2,4}\b/g;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length >= 13 && sum % 10 === 0;
}

export function scrubText(text: string): string {
  return text
    .replace(EMAIL, REDACTED.email)
    .replace(CARD_CANDIDATE, (match) => (luhnValid(match.replace(/\D/g, '')) ? REDACTED.card : match))
    .replace(SSN, REDACTED.ssn)
    .replace(PHONE, (match) => {
      // E.164 numbers have at most 15 digits; longer groups are ids, not phones.
      const digits = match.replace(/\D/g, '').length;
      return digits >= 9 && digits <= 15 ? REDACTED.phone : match;
    });
}

/** posthog-js: names or ids like these mark a field as sensitive (after stripping non-alphanumerics). */
const SENSITIVE_NAME = /^(cc|cardnum|ccnum|creditcard|csc|cvc|cvv|exp|pass|pwd|routing|seccode|securitycode|securitynum|socialsec|socsec|ssn)/i;

export function isSensitiveField(attributes: Record<string, string | undefined>): boolean {
  const type = (attributes.type ?? '').toLowerCase();
  if (type === 'password' || type === 'hidden') return true;
  const classes = attributes.class ?? '';
  if (/\bph-(sensitive|no-capture)\b/.test(classes)) return true;
  return [attributes.name, attributes.id, attributes.autocomplete].some((value) => !!value && SENSITIVE_NAME.test(value.replace(/[^a-z0-9]/gi, '')));
}

/** A field's value as we may keep it: masked entirely (length only), the way rrweb's maskAllInputs does. */
export function maskValue(value: string): string {
  return '*'.repeat(Math.min(value.length, 64));
}
