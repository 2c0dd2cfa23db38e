// Loads the UCI "Online Shoppers Purchasing Intention" CSV and turns it into named numeric feature rows. The
// encoder (one-hot vocabularies) is fitted on training rows only, so nothing about the test rows shapes features.
import * as fs from 'node:fs';
import { parse } from 'csv-parse/sync';

/** Columns of the original UCI file, in its order. */
export const UCI_COLUMNS = [
  'Administrative', 'Administrative_Duration', 'Informational', 'Informational_Duration', 'ProductRelated',
  'ProductRelated_Duration', 'BounceRates', 'ExitRates', 'PageValues', 'SpecialDay', 'Month', 'OperatingSystems',
  'Browser', 'Region', 'TrafficType', 'VisitorType', 'Weekend', 'Revenue',
] as const;

/** Heavy-tailed counts and durations: log1p keeps a handful of very long sessions from dominating the scale. */
const LOG_COLUMNS = [
  'Administrative', 'Administrative_Duration', 'Informational', 'Informational_Duration', 'ProductRelated',
  'ProductRelated_Duration', 'PageValues',
] as const;
/** Already bounded in [0, 1]: used as they are. */
const RAW_COLUMNS = ['BounceRates', 'ExitRates', 'SpecialDay'] as const;
/** Categorical columns encoded one-hot. The integer codes (OS, browser…) are arbitrary ids, not magnitudes. */
export const UCI_CATEGORICAL = ['Month', 'VisitorType', 'OperatingSystems', 'Browser', 'Region', 'TrafficType'] as const;
type Categorical = (typeof UCI_CATEGORICAL)[number];
/** Code columns with long tails of rare values: values below this share of training rows pool into "other". */
const POOLED: ReadonlySet<Categorical> = new Set(['OperatingSystems', 'Browser', 'Region', 'TrafficType']);
export const DEFAULT_MIN_SHARE = 0.01;

export interface UciRecord {
  numeric: Record<(typeof LOG_COLUMNS)[number] | (typeof RAW_COLUMNS)[number], number>;
  categorical: Record<Categorical, string>;
  weekend: 0 | 1;
  revenue: 0 | 1;
}

export interface UciShoppers {
  records: UciRecord[];
  labels: (0 | 1)[];
}

function parseBoolean(value: string, column: string, line: number): 0 | 1 {
  const v = value.trim().toUpperCase();
  if (v === 'TRUE') return 1;
  if (v === 'FALSE') return 0;
  throw new Error(`line ${line}: ${column} is "${value}", expected TRUE or FALSE`);
}

function parseNumber(value: string, column: string, line: number): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new Error(`line ${line}: ${column} is "${value}", expected a number`);
  return n;
}

/** Reads and validates the CSV. Throws naming the file when it is missing and the columns when the header differs. */
export function loadUciShoppers(csvPath: string): UciShoppers {
  if (!fs.existsSync(csvPath)) {
    throw new Error(`UCI online shoppers CSV not found at ${csvPath} (expected online_shoppers_intention.csv, see models/data/README.md)`);
  }
  const rows = parse(fs.readFileSync(csvPath, 'utf8'), { skip_empty_lines: true, trim: true, bom: true }) as string[][];
  if (rows.length === 0) throw new Error(`${csvPath} is empty`);
  const header = rows[0];
  const missing = UCI_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new Error(`${csvPath}: header lacks column(s) ${missing.join(', ')}; found: ${header.join(', ')}`);
  }
  const at = Object.fromEntries(UCI_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof UCI_COLUMNS)[number], number>;
  const records: UciRecord[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    const line = r + 1;
    if (row.length !== header.length) throw new Error(`line ${line}: ${row.length} fields, header has ${header.length}`);
    const numeric = {} as UciRecord['numeric'];
    for (const c of [...LOG_COLUMNS, ...RAW_COLUMNS]) numeric[c] = parseNumber(row[at[c]], c, line);
    const categorical = {} as UciRecord['categorical'];
    for (const c of UCI_CATEGORICAL) {
      if (row[at[c]] === '') throw new Error(`line ${line}: ${c} is empty`);
      categorical[c] = row[at[c]];
    }
    records.push({ numeric, categorical, weekend: parseBoolean(row[at.Weekend], 'Weekend', line), revenue: parseBoolean(row[at.Revenue], 'Revenue', line) });
  }
  return { records, labels: records.map((x) => x.revenue) };
}

/** The fitted vocabularies plus the resulting feature names; plain data so it can be saved with a model. */
export interface UciEncoder {
  vocabularies: Record<Categorical, string[]>;
  /** Whether a column has an "other" slot (only when some training rows were pooled into it). */
  hasOther: Record<Categorical, boolean>;
  featureNames: string[];
}

/**
 * Fits one-hot vocabularies on the given rows (pass the training indices; default all rows). Month and
 * VisitorType keep every value seen; the code columns keep values covering at least `minShare` of those rows.
 */
export function fitUciEncoder(records: UciRecord[], rows?: number[], minShare = DEFAULT_MIN_SHARE): UciEncoder {
  const indices = rows ?? records.map((_, i) => i);
  if (indices.length === 0) throw new Error('cannot fit the UCI encoder on zero rows');
  const vocabularies = {} as UciEncoder['vocabularies'];
  const hasOther = {} as UciEncoder['hasOther'];
  for (const c of UCI_CATEGORICAL) {
    const counts = new Map<string, number>();
    for (const i of indices) counts.set(records[i].categorical[c], (counts.get(records[i].categorical[c]) ?? 0) + 1);
    const floor = POOLED.has(c) ? minShare * indices.length : 1;
    // Most frequent first, then by value, so the feature order is deterministic.
    const kept = [...counts.entries()]
      .filter(([, n]) => n >= floor)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([v]) => v);
    vocabularies[c] = kept;
    hasOther[c] = kept.length < counts.size;
  }
  const featureNames = [
    ...LOG_COLUMNS.map((c) => `log1p_${c}`),
    ...RAW_COLUMNS,
    'Weekend',
    ...UCI_CATEGORICAL.flatMap((c) => [...vocabularies[c].map((v) => `${c}=${v}`), ...(hasOther[c] ? [`${c}=other`] : [])]),
  ];
  return { vocabularies, hasOther, featureNames };
}

/**
 * Encodes records with a fitted encoder. A value outside the vocabulary goes to "other" when that slot exists,
 * otherwise to all zeros (e.g. a month never seen in training). Negative durations (a few rows of the original
 * file hold −1 for "unknown") are floored at 0 before log1p.
 */
export function encodeUci(encoder: UciEncoder, records: UciRecord[], rows?: number[]): Float32Array[] {
  const indices = rows ?? records.map((_, i) => i);
  const slot = {} as Record<Categorical, Map<string, number>>;
  let width = LOG_COLUMNS.length + RAW_COLUMNS.length + 1;
  const otherAt = {} as Record<Categorical, number>;
  for (const c of UCI_CATEGORICAL) {
    slot[c] = new Map(encoder.vocabularies[c].map((v, j) => [v, width + j]));
    width += encoder.vocabularies[c].length;
    otherAt[c] = encoder.hasOther[c] ? width++ : -1;
  }
  if (width !== encoder.featureNames.length) throw new Error(`encoder is inconsistent: ${width} slots, ${encoder.featureNames.length} names`);
  return indices.map((i) => {
    const r = records[i];
    const x = new Float32Array(width);
    let j = 0;
    for (const c of LOG_COLUMNS) x[j++] = Math.log1p(Math.max(0, r.numeric[c]));
    for (const c of RAW_COLUMNS) x[j++] = r.numeric[c];
    x[j++] = r.weekend;
    for (const c of UCI_CATEGORICAL) {
      const at = slot[c].get(r.categorical[c]) ?? otherAt[c];
      if (at >= 0) x[at] = 1;
    }
    return x;
  });
}
