// What a synthetic user types into a field: the flow's own test data first (flow.inputs, matched by name, id,
// autocomplete or label), then plausible persona data by autocomplete token, input type or the words of the
// field's name and label, and otherwise a guess shaped only by what a person sees (an example in the placeholder or
// in the hint the field points to), never by what they cannot (the `pattern` attribute). An optional field with nothing to put in it stays empty.
import { shareAtHand, type FieldKnowledgeTable } from '../features/field-knowledge';
import type { FieldInfo } from './live-page';
import type { SimulationRandom } from './simulation-random';

/** One fictitious person per run: fields of a form agree with each other. */
export interface PersonaIdentity {
  givenName: string;
  familyName: string;
  email: string;
  phone: string;
  street: string;
  city: string;
  postcode: string;
  country: string;
  company: string;
}

const GIVEN = ['Ada', 'Grace', 'Alan', 'Katherine', 'Edsger', 'Margaret', 'Tim', 'Radia'];
const FAMILY = ['Lovelace', 'Hopper', 'Turing', 'Johnson', 'Dijkstra', 'Hamilton', 'Berners-Lee', 'Perlman'];
const PLACES: { city: string; postcode: () => string; country: string }[] = [
  { city: 'Berlin', postcode: () => '10115', country: 'Germany' },
  { city: 'Paris', postcode: () => '75002', country: 'France' },
  { city: 'Utrecht', postcode: () => '3511', country: 'Netherlands' },
  { city: 'Dublin', postcode: () => 'D02 X285', country: 'Ireland' },
];
/** Codes people try in a discount field (they rarely know a valid one). */
const COUPON_GUESSES = ['WELCOME10', 'SAVE15', 'FREESHIP', 'BLACKFRIDAY'];

export function identityFor(random: SimulationRandom): PersonaIdentity {
  const givenName = random.pick(GIVEN);
  const familyName = random.pick(FAMILY);
  const place = random.pick(PLACES);
  return {
    givenName,
    familyName,
    email: `${givenName}.${familyName}${random.int(1, 99)}@example.com`.toLowerCase().replace(/[^a-z0-9.@-]/g, ''),
    phone: `+49 30 ${random.int(1000000, 9999999)}`,
    street: `${random.int(1, 200)} Market Street`,
    city: place.city,
    postcode: place.postcode(),
    country: place.country,
    company: `${familyName} GmbH`,
  };
}

export interface FieldValue {
  /** Text to type, or for a select the option value; undefined: leave the field as it is. */
  value?: string;
  source: 'flow' | 'persona' | 'guess' | 'skip';
}

const normalise = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Which of the flow's test data one person has at hand. A value for a field real visitors often gave up at (the
 * policy's field knowledge) is known with the share that did not, drawn once per field and run: whoever lacks it
 * fills the field as a person who does not know it would, on this visit and any later one.
 */
export class FieldKnowledgeDraws {
  private readonly known = new Map<string, boolean>();

  constructor(
    private readonly inputs: Readonly<Record<string, string>> | undefined,
    private readonly knowledge: FieldKnowledgeTable,
    private readonly random: Pick<SimulationRandom, 'chance'>,
  ) {}

  /** The flow's inputs, or none when they hold this field's value and this person does not have it at hand. */
  inputsFor(field: FieldInfo, route: string, fingerprint: string | undefined): Readonly<Record<string, string>> | undefined {
    if (!fingerprint || fromFlow(field, this.inputs) === undefined) return this.inputs;
    const share = shareAtHand(this.knowledge, route, fingerprint);
    if (share >= 1) return this.inputs;
    const key = `${route}\u0000${fingerprint}`;
    let known = this.known.get(key);
    if (known === undefined) this.known.set(key, (known = this.random.chance(share)));
    return known ? this.inputs : undefined;
  }
}

/** flow.inputs entry whose key names this field (exactly by name / id / autocomplete / label, else within the label). */
function fromFlow(field: FieldInfo, inputs: Readonly<Record<string, string>> | undefined): string | undefined {
  if (!inputs) return undefined;
  const names = [field.name, field.id, field.autocomplete, field.label].map(normalise).filter(Boolean);
  const entries = Object.entries(inputs).map(([key, value]) => [normalise(key), value] as const).filter(([key]) => key !== '');
  const exact = entries.find(([key]) => names.includes(key));
  if (exact) return exact[1];
  const label = normalise(field.label);
  return entries.find(([key]) => key.length >= 3 && label.includes(key))?.[1];
}

function byAutocomplete(token: string, who: PersonaIdentity): string | undefined {
  const fullName = `${who.givenName} ${who.familyName}`;
  switch (token) {
    case 'name':
    case 'cc-name':
      return fullName;
    case 'given-name':
      return who.givenName;
    case 'family-name':
      return who.familyName;
    case 'email':
    case 'username':
      return who.email;
    case 'tel':
    case 'tel-national':
      return who.phone;
    case 'street-address':
    case 'address-line1':
      return who.street;
    case 'address-level2':
      return who.city;
    case 'postal-code':
      return who.postcode;
    case 'country':
    case 'country-name':
      return who.country;
    case 'organization':
      return who.company;
    case 'cc-number':
      return '4242 4242 4242 4242';
    case 'cc-exp':
      return '12/30';
    case 'cc-exp-month':
      return '12';
    case 'cc-exp-year':
      return '2030';
    case 'cc-csc':
      return '123';
    case 'current-password':
    case 'new-password':
      return 'Correct-Horse-42';
    case 'bday':
      return '1990-05-17';
    case 'one-time-code':
      return '123456';
    default:
      return undefined;
  }
}

function byType(type: string, who: PersonaIdentity): string | undefined {
  switch (type) {
    case 'email':
      return who.email;
    case 'tel':
      return who.phone;
    case 'number':
      return '1';
    case 'date':
      return '2030-06-15';
    case 'url':
      return 'https://example.com';
    case 'password':
      return 'Correct-Horse-42';
    case 'search':
      return 'shirt';
    default:
      return undefined;
  }
}

/** Words of the field's name, id and label -> persona data, first match wins (most specific first). */
const WORD_RULES: [RegExp, (who: PersonaIdentity, random: SimulationRandom) => string][] = [
  [/e-?mail/, (who) => who.email],
  [/card ?(number|no)|cc-?num|cardnumber/, () => '4242 4242 4242 4242'],
  [/expir|exp(iry)? ?date|mm ?\/ ?yy/, () => '12/30'],
  [/\b(cvc|cvv|csc)\b|security code/, () => '123'],
  [/coupon|discount|promo|voucher/, (_who, random) => random.pick(COUPON_GUESSES)],
  [/first ?name|given/, (who) => who.givenName],
  [/last ?name|surname|family/, (who) => who.familyName],
  [/company|organi[sz]ation/, (who) => who.company],
  [/name/, (who) => `${who.givenName} ${who.familyName}`],
  [/phone|mobile|\btel\b/, (who) => who.phone],
  [/street|address/, (who) => who.street],
  [/city|town/, (who) => who.city],
  [/zip|post ?code|postal/, (who) => who.postcode],
  [/country/, (who) => who.country],
  [/quantity|\bqty\b/, () => '1'],
  [/search/, () => 'shirt'],
  [/message|comment|note/, () => 'Please leave the parcel with a neighbour.'],
];

/** A placeholder that shows an example ("e.g. DE123456789", "MM/YY") rather than an instruction ("Enter your code"). */
function exampleIn(placeholder: string): string | undefined {
  const text = placeholder.replace(/^\s*(e\.?g\.?|for example|ex\.?)[:\s]*/i, '').trim();
  if (text === '' || /\b(enter|type|your|optional|search)\b/i.test(text) || text.split(/\s+/).length > 4) return undefined;
  return text;
}

/** The example a visible hint gives ("Format: AA00-0000-A, e.g. AB12-3456-C" -> "AB12-3456-C"). */
function exampleInHint(hint: string): string | undefined {
  return /\b(?:e\.g\.|for example|example:)\s*([^\s,;()]+)/i.exec(hint)?.[1]?.replace(/[.:]$/, '');
}

/** A person guessing at a field they have no data for: follows an example placeholder or hint, else makes something up. */
function guess(field: FieldInfo, random: SimulationRandom): string {
  const example = exampleIn(field.placeholder) ?? exampleInHint(field.hint);
  if (example) return example;
  const words = `${field.label} ${field.name}`.toLowerCase();
  if (/number|reference|\bref\b|\bid\b|code|no\./.test(words)) return random.pick(['12345678', String(random.int(100000, 999999)), 'n/a', 'DE 123']);
  return random.pick(['test', 'n/a', 'none']);
}

function selectValue(field: FieldInfo, wanted: string | undefined, random: SimulationRandom): FieldValue {
  const options = field.options.filter((o) => !o.disabled && o.value !== '');
  if (options.length === 0) return { source: 'skip' };
  if (wanted !== undefined) {
    const target = normalise(wanted);
    const match = options.find((o) => normalise(o.value) === target || normalise(o.label) === target);
    if (match) return { value: match.value, source: 'flow' };
  }
  return { value: random.pick(options).value, source: 'persona' };
}

/** What to put into `field`, given the flow's inputs, this run's identity and its random draws. */
export function valueForField(field: FieldInfo, inputs: Readonly<Record<string, string>> | undefined, who: PersonaIdentity, random: SimulationRandom): FieldValue {
  const given = fromFlow(field, inputs);
  if (field.tag === 'select') return selectValue(field, given ?? byAutocomplete(field.autocomplete.split(/\s+/).pop() ?? '', who), random);
  if (field.type === 'checkbox' || field.type === 'radio') return { source: 'skip' };
  if (given !== undefined) return { value: given, source: 'flow' };
  const token = field.autocomplete.split(/\s+/).pop() ?? '';
  const persona = byAutocomplete(token, who) ?? byType(field.type, who);
  if (persona !== undefined) return { value: persona, source: 'persona' };
  const words = `${field.name} ${field.id} ${field.label}`.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  for (const [pattern, value] of WORD_RULES) if (pattern.test(words)) return { value: value(who, random), source: 'persona' };
  // Nothing to put in a field that says it is optional: a person leaves it empty.
  if (!field.required && /optional/i.test(`${field.label} ${field.hint}`)) return { source: 'skip' };
  return { value: guess(field, random), source: 'guess' };
}
