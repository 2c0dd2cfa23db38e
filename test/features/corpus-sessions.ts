// Real recorded sessions for the feature tests: the first N of the example corpus, with its goal.
import * as path from 'node:path';
import { loadGroundTruth } from '../../analyzer/evaluation/ground-truth';
import { parseGoal } from '../../analyzer/replay';
import { learnRouteFolder } from '../../analyzer/replay/route-folding';
import type { Goal } from '../../analyzer/replay/types';
import { readSessions } from '../../analyzer/sources/files';
import type { RawSession } from '../../analyzer/sources/files/types';

export const CORPUS = path.resolve(__dirname, '..', '..', 'examples', 'shop', 'corpus');
export const TRUTH = loadGroundTruth(path.join(CORPUS, 'ground-truth.json'));
export const GOAL: Goal = parseGoal(TRUTH.goal);
/** The shop's product pages are slugs ("/product/merino-crew"): fold them as the pipeline does. */
export const FOLD = learnRouteFolder([], ['/product/:id']);

/** The first `count` sessions of the corpus (file order), or the named files. */
export async function loadRaw(count: number, files?: string[]): Promise<RawSession[]> {
  const out: RawSession[] = [];
  for await (const raw of readSessions(files ? files.map((f) => path.join(CORPUS, f)) : [CORPUS])) {
    out.push(raw);
    if (out.length >= count) break;
  }
  return out;
}
