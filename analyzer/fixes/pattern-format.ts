// An HTML `pattern` told to people: "Format: AA00-0000-A, e.g. AB12-3456-C" when it is a fixed sequence of capital
// letters (A), lowercase letters (a), digits (0) and literal characters; "Format: 3 to 4 digits, e.g. 123" when
// lengths vary or a position allows several kinds. Groups, alternatives, wildcards and negated sets give undefined:
// a wrong hint is worse than none.

interface CharacterSet {
  upper: boolean;
  lower: boolean;
  digit: boolean;
  /** Literal characters the position accepts, e.g. '-' or ' '. */
  literals: string[];
}

interface Piece {
  set: CharacterSet;
  min: number;
  max: number;
}

const SPECIAL = new Set(['(', ')', '|', '.', '*', '+', '?', '{', '}', '[', ']', '^', '$']);

function emptySet(): CharacterSet {
  return { upper: false, lower: false, digit: false, literals: [] };
}

/** Adds a range such as A-Z, a-f or 0-9 to the set; false when it is not within one kind. */
function addRange(set: CharacterSet, from: string, to: string): boolean {
  if (/[A-Z]/.test(from) && /[A-Z]/.test(to)) set.upper = true;
  else if (/[a-z]/.test(from) && /[a-z]/.test(to)) set.lower = true;
  else if (/[0-9]/.test(from) && /[0-9]/.test(to)) set.digit = true;
  else return false;
  return true;
}

function addEscape(set: CharacterSet, escaped: string): boolean {
  if (escaped === 'd') set.digit = true;
  else if (escaped === 's') set.literals.push(' ');
  else if (/[A-Za-z0-9]/.test(escaped)) return false;
  else set.literals.push(escaped);
  return true;
}

/** The class at `start` (just past '['): its set and the index after ']', or undefined when unsupported. */
function parseClass(pattern: string, start: number): { set: CharacterSet; next: number } | undefined {
  const set = emptySet();
  let i = start;
  if (pattern[i] === '^') return undefined;
  while (i < pattern.length && pattern[i] !== ']') {
    if (pattern[i] === '\\') {
      if (!addEscape(set, pattern[i + 1] ?? '')) return undefined;
      i += 2;
    } else if (pattern[i + 1] === '-' && pattern[i + 2] !== undefined && pattern[i + 2] !== ']') {
      if (!addRange(set, pattern[i], pattern[i + 2])) return undefined;
      i += 3;
    } else {
      if (/[A-Z]/.test(pattern[i])) set.upper = true;
      else if (/[a-z]/.test(pattern[i])) set.lower = true;
      else if (/[0-9]/.test(pattern[i])) set.digit = true;
      else set.literals.push(pattern[i]);
      i += 1;
    }
  }
  return i < pattern.length ? { set, next: i + 1 } : undefined;
}

/** The quantifier at `start`: its bounds and the index after it (exactly once when there is none). */
function parseQuantifier(pattern: string, start: number): { min: number; max: number; next: number } | undefined {
  const next = pattern[start];
  if (next === '?') return { min: 0, max: 1, next: start + 1 };
  if (next === '*') return { min: 0, max: Infinity, next: start + 1 };
  if (next === '+') return { min: 1, max: Infinity, next: start + 1 };
  if (next !== '{') return { min: 1, max: 1, next: start };
  const match = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(start));
  if (!match) return undefined;
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3]);
  return max < min ? undefined : { min, max, next: start + match[0].length };
}

function parse(pattern: string): Piece[] | undefined {
  const source = pattern.replace(/^\^/, '').replace(/\$$/, '');
  const pieces: Piece[] = [];
  let i = 0;
  while (i < source.length) {
    let set = emptySet();
    if (source[i] === '[') {
      const parsed = parseClass(source, i + 1);
      if (!parsed) return undefined;
      set = parsed.set;
      i = parsed.next;
    } else if (source[i] === '\\') {
      if (!addEscape(set, source[i + 1] ?? '')) return undefined;
      i += 2;
    } else if (SPECIAL.has(source[i])) {
      return undefined;
    } else {
      set.literals.push(source[i]);
      i += 1;
    }
    const quantifier = parseQuantifier(source, i);
    if (!quantifier) return undefined;
    pieces.push({ set, min: quantifier.min, max: quantifier.max });
    i = quantifier.next;
  }
  return pieces.length > 0 ? pieces : undefined;
}

/** Mask letter of a set holding one kind of character: A, a, 0 or the literal itself. */
function maskOf(set: CharacterSet): string | undefined {
  const kinds = [set.upper, set.lower, set.digit].filter(Boolean).length + set.literals.length;
  if (kinds !== 1) return undefined;
  if (set.upper) return 'A';
  if (set.lower) return 'a';
  if (set.digit) return '0';
  return /[A0a]/.test(set.literals[0]) ? undefined : set.literals[0];
}

function nounsOf(set: CharacterSet, plural: boolean): string {
  const nouns: string[] = [];
  if (set.upper && set.lower) nouns.push(plural ? 'letters' : 'letter');
  else if (set.upper) nouns.push(plural ? 'capital letters' : 'capital letter');
  else if (set.lower) nouns.push(plural ? 'lowercase letters' : 'lowercase letter');
  if (set.digit) nouns.push(plural ? 'digits' : 'digit');
  for (const literal of set.literals) nouns.push(literal === ' ' ? (plural ? 'spaces' : 'space') : `“${literal}”`);
  return nouns.join(' or ');
}

function wordsOf(piece: Piece): string {
  const { min, max, set } = piece;
  if (min === 0 && max === 1) return `an optional ${nounsOf(set, false)}`;
  const count = min === max ? `${min}` : max === Infinity ? (min === 0 ? 'any number of' : `${min} or more`) : `${min} to ${max}`;
  if (min === 1 && max === 1 && set.literals.length === 1 && !set.upper && !set.lower && !set.digit) return nounsOf(set, false);
  return `${count} ${nounsOf(set, !(min === 1 && max === 1))}`;
}

/** An example value: letters A, B, C… and digits 1, 2, 3… counted across the pattern, each piece at its minimum length. */
function exampleOf(pieces: Piece[]): string {
  let upper = 0;
  let lower = 0;
  let digit = 0;
  let example = '';
  for (const { set, min } of pieces) {
    for (let n = 0; n < min; n++) {
      if (set.upper) example += String.fromCharCode(65 + (upper++ % 26));
      else if (set.lower) example += String.fromCharCode(97 + (lower++ % 26));
      else if (set.digit) example += String((++digit) % 10);
      else example += set.literals[0] ?? '';
    }
  }
  return example;
}

/** The format hint for a pattern, or undefined when it cannot be said simply. */
export function describePattern(pattern: string): string | undefined {
  const pieces = parse(pattern);
  if (!pieces) return undefined;
  const example = exampleOf(pieces);
  const masks = pieces.map((p) => (p.min === p.max ? maskOf(p.set) : undefined));
  // A mask reads well when it mixes kinds (AA00-0000-A); "5 digits" says more than "00000".
  if (masks.every((m) => m !== undefined) && new Set(masks).size > 1) return `Format: ${pieces.map((p, i) => masks[i]!.repeat(p.min)).join('')}, e.g. ${example}`;
  return `Format: ${phrasesOf(pieces).join(', then ')}${example ? `, e.g. ${example}` : ''}`;
}

/** One phrase per piece, runs of single literal characters merged: “SE”, then 10 digits, then “01”. */
function phrasesOf(pieces: Piece[]): string[] {
  const phrases: string[] = [];
  let run = '';
  for (const piece of pieces) {
    const literal = piece.min === 1 && piece.max === 1 && !piece.set.upper && !piece.set.lower && !piece.set.digit && piece.set.literals.length === 1;
    if (literal && piece.set.literals[0] !== ' ') {
      run += piece.set.literals[0];
      continue;
    }
    if (run) phrases.push(`“${run}”`);
    run = '';
    phrases.push(wordsOf(piece));
  }
  if (run) phrases.push(`“${run}”`);
  return phrases;
}

/** What keyboard a pattern wants: digits only (numeric keypad), capital letters only (caps), or neither. */
export function keyboardOf(pattern: string): 'numeric' | 'capitals' | undefined {
  const pieces = parse(pattern);
  if (!pieces) return undefined;
  // A literal letter needs the letter keyboard as much as a class of letters does.
  const sets = pieces.map((p) => ({
    ...p.set,
    upper: p.set.upper || p.set.literals.some((c) => /[A-Z]/.test(c)),
    lower: p.set.lower || p.set.literals.some((c) => /[a-z]/.test(c)),
  }));
  if (sets.some((s) => s.digit) && sets.every((s) => !s.upper && !s.lower)) return 'numeric';
  if (sets.some((s) => s.upper) && sets.every((s) => !s.lower)) return 'capitals';
  return undefined;
}
