// What a form field asks for, read from its name, id and label, and the input hints that suit it: `type` (the
// keyboard and validation), `inputMode` (the keyboard alone) and the `autoComplete` token browsers and password
// managers fill (https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#autofill). The first row
// that matches wins, so specific kinds ("name on card") come before general ones ("name").

export interface FieldKind {
  /** How the rationale names it: "email address". */
  kind: string;
  /** Tested against the field's words: camelCase, kebab-case and snake_case split, lower case. */
  test: RegExp;
  type?: 'email' | 'tel';
  inputMode?: 'numeric' | 'email' | 'tel';
  autoComplete?: string;
  /** autoComplete for a <textarea> when it differs (a whole street address instead of its first line). */
  textareaAutoComplete?: string;
}

export const FIELD_KINDS: readonly FieldKind[] = [
  // Left alone: a password field's token depends on sign-in vs sign-up, which the name rarely says.
  { kind: 'password', test: /\b(password|passcode|pwd)\b/ },
  { kind: 'email address', test: /\be ?mail\b/, type: 'email', autoComplete: 'email' },
  { kind: 'one-time code', test: /\b(otp|one time (code|password)|verification code)\b/, inputMode: 'numeric', autoComplete: 'one-time-code' },
  { kind: 'card number', test: /\b(card ?(number|no|num)|cc ?(number|num)|credit ?card)\b/, inputMode: 'numeric', autoComplete: 'cc-number' },
  { kind: 'card expiry', test: /\b(expiry|expiration|exp ?date|cc ?exp|mm ?yy)\b/, autoComplete: 'cc-exp' },
  { kind: 'card security code', test: /\b(cvc|cvv|csc|cvc2|security ?code)\b/, inputMode: 'numeric', autoComplete: 'cc-csc' },
  { kind: 'name on card', test: /\b(name on card|card ?holder|cc ?name|card ?name)\b/, autoComplete: 'cc-name' },
  { kind: 'phone number', test: /\b(phone|tel|telephone|mobile)\b/, type: 'tel', autoComplete: 'tel' },
  { kind: 'postal code', test: /\b(post ?code|postal( code)?|zip( code)?)\b/, autoComplete: 'postal-code' },
  { kind: 'user name', test: /\b(user ?name|login)\b/, autoComplete: 'username' },
  { kind: 'organisation', test: /\b(company|organi[sz]ation|business name)\b/, autoComplete: 'organization' },
  { kind: 'given name', test: /\b(first ?name|given ?name|forename)\b/, autoComplete: 'given-name' },
  { kind: 'family name', test: /\b(last ?name|family ?name|surname)\b/, autoComplete: 'family-name' },
  { kind: 'second address line', test: /\b(address ?(line )?2|apartment|suite)\b/, autoComplete: 'address-line2' },
  { kind: 'street address', test: /\b(address( line 1)?|street)\b/, autoComplete: 'address-line1', textareaAutoComplete: 'street-address' },
  { kind: 'town or city', test: /\b(city|town)\b/, autoComplete: 'address-level2' },
  { kind: 'country', test: /\bcountry\b/, autoComplete: 'country-name' },
  { kind: 'full name', test: /\b(full ?name|name)\b/, autoComplete: 'name' },
  // No autofill token exists for tax numbers: only the pattern's hints apply.
  { kind: 'tax reference', test: /\b(vat|tax|tin|ein)\b/ },
];

/** "taxRef", "tax-ref", "Tax reference (required)" -> "tax ref", "tax ref", "tax reference required". */
export function fieldWords(text: string): string {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The first kind any of the texts (name, id, label…) matches; each text is tested alone so words do not run across. */
export function fieldKindOf(texts: string[]): FieldKind | undefined {
  const words = texts.map(fieldWords).filter((w) => w !== '');
  return FIELD_KINDS.find((kind) => words.some((w) => kind.test.test(w)));
}

/** autoComplete values that switch autofill off; a recognised field should have its token instead. */
export const AUTOFILL_OFF = new Set(['off', 'false', 'nope', 'no']);
