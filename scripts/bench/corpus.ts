// Locates the recorded corpus and its ground truth; falls back to the small development corpus.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Corpus {
  dir: string;
  files: string[];
  truthFile?: string;
}

const CANDIDATES = ['examples/shop/corpus', '.cache/corpus-try'];

function load(dir: string): Corpus {
  const files = fs.readdirSync(dir).filter((f) => /\.json(l)?(\.gz)?$/.test(f) && f !== 'ground-truth.json').sort().map((f) => path.join(dir, f));
  const truth = path.join(dir, 'ground-truth.json');
  return { dir, files, truthFile: fs.existsSync(truth) ? truth : undefined };
}

/** An explicit --corpus wins; otherwise the first candidate whose ground truth is written (recording finished). */
export function findCorpus(root: string, explicit?: string): Corpus {
  if (explicit) return load(path.resolve(root, explicit));
  for (const candidate of CANDIDATES) {
    const dir = path.join(root, candidate);
    if (fs.existsSync(path.join(dir, 'ground-truth.json'))) return load(dir);
  }
  throw new Error(`no corpus with a ground-truth.json under ${CANDIDATES.join(' or ')}; record one (npm run record) or pass --corpus <dir>`);
}
