// Writes the figures `npm run eval` measured into a model card, between markers, so the card always states the
// latest measured numbers next to the training facts without retraining the model.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const START = '<!-- npm run eval: start -->';
const END = '<!-- npm run eval: end -->';

export function withEvalSection(card: string, section: string): string {
  const block = `${START}\n${section.trim()}\n${END}`;
  const at = card.indexOf(START);
  const end = card.indexOf(END);
  if (at >= 0 && end > at) return `${card.slice(0, at)}${block}${card.slice(end + END.length)}`;
  return `${card.trimEnd()}\n\n${block}\n`;
}

/** Updates CARD.md in place when it exists (a model not trained yet has no card to update). */
export function updateCardEvalSection(cardFile: string, section: string): boolean {
  if (!existsSync(cardFile)) return false;
  writeFileSync(cardFile, withEvalSection(readFileSync(cardFile, 'utf8'), section));
  return true;
}
