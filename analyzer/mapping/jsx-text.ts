// Turns JSX text as written into the text the DOM shows: JSX's line-trimming rule plus HTML entity decoding.

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…',
  copy: '©', reg: '®', trade: '™', times: '×', middot: '·', rarr: '→', larr: '←', euro: '€', pound: '£',
};

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * JSX drops whitespace-only lines and trims around line breaks but keeps spaces inside a line
 * (the same rule Babel and TypeScript apply when compiling), so "Pay\n   now" renders "Pay now".
 */
export function cleanJsxText(raw: string): string {
  if (!raw.includes('\n')) return decodeEntities(raw);
  const lines = raw.split(/\r\n|\n|\r/);
  const kept: string[] = [];
  lines.forEach((line, i) => {
    let part = line;
    if (i > 0) part = part.replace(/^[ \t]+/, '');
    if (i < lines.length - 1) part = part.replace(/[ \t]+$/, '');
    if (part) kept.push(part);
  });
  return decodeEntities(kept.join(' '));
}

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
