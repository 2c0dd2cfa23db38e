// The planted frictions listed in frictions.json, typed, for the tests and tools that check against them.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export interface PlantedFriction {
  id: string;
  kind: string;
  /** Route, e.g. "/product/:id". */
  page: string;
  selector: string;
  /** file is relative to examples/shop/src; line and column are 1-based. */
  source: { file: string; line: number; column: number };
  description: string;
  fix: string;
}

/** `file` defaults to the frictions.json next to this module (pass it from bundled code, where __dirname moves). */
export function loadPlantedFrictions(file = path.join(__dirname, 'frictions.json')): PlantedFriction[] {
  return JSON.parse(readFileSync(file, 'utf8')) as PlantedFriction[];
}
