// The corpus' ground-truth.json, as written by the recorder (scripts/recorder/corpus-files.ts).
import { readFileSync } from 'node:fs';
import type { SignalKind } from '../signals/types';

export interface TruthOccurrence {
  kind: SignalKind;
  t: number;
  route: string;
  selector?: string;
  frictionId?: string;
}

export interface TruthSession {
  id: string;
  file: string;
  persona: string;
  start: number;
  end: number;
  converted: boolean;
  dropOffRoute?: string;
  occurrences: TruthOccurrence[];
}

export interface GroundTruth {
  version: 1;
  seed: number;
  goal: string;
  sessions: TruthSession[];
}

export function loadGroundTruth(file: string): GroundTruth {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as GroundTruth;
  if (parsed.version !== 1 || !Array.isArray(parsed.sessions)) throw new Error(`${file} is not a version 1 ground-truth file`);
  return parsed;
}
