// HogQL answers ({columns, results}) -> typed rows, read by column name so a reordered SELECT cannot shift values.
// ClickHouse integers may arrive as numbers or strings and tuples as arrays; rows that still do not fit are
// dropped and counted, never guessed at.
import type { DropOffRow, ErrorClickRow, ExampleSession, FrictionRow, PageRow, TotalsRow } from './types';

export interface Answer {
  columns: string[];
  results: unknown[][];
}

export interface Parsed<T> {
  rows: T[];
  /** Rows that did not have the documented shape. */
  dropped: number;
  /** The answer filled its LIMIT: rows past it were cut. */
  truncated: boolean;
}

type Row = (name: string) => unknown;

function count(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function examples(value: unknown): ExampleSession[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: ExampleSession[] = [];
  for (const item of value) {
    const [sessionId, ms] = Array.isArray(item) ? item : [item, 0];
    if (typeof sessionId === 'string' && sessionId) out.push({ sessionId, timestamp: count(ms) ?? 0 });
  }
  return out;
}

function parse<T>(answer: Answer, limit: number | undefined, read: (row: Row) => T | undefined): Parsed<T> {
  if (!answer || !Array.isArray(answer.columns) || !Array.isArray(answer.results)) throw new Error('HogQL answer has no columns/results arrays');
  const index = new Map(answer.columns.map((c, i) => [c, i]));
  const rows: T[] = [];
  let dropped = 0;
  for (const raw of answer.results) {
    const row = Array.isArray(raw) ? read((name) => raw[index.get(name) ?? -1]) : undefined;
    if (row === undefined) dropped++;
    else rows.push(row);
  }
  return { rows, dropped, truncated: limit !== undefined && answer.results.length >= limit };
}

/** Every listed field present, or the row is dropped. */
function complete<T extends object>(row: { [K in keyof T]: T[K] | undefined }): T | undefined {
  return Object.values(row).every((v) => v !== undefined) ? (row as T) : undefined;
}

export function readTotals(answer: Answer): TotalsRow {
  const { rows } = parse(answer, undefined, (r) => complete<TotalsRow>({ sessions: count(r('sessions')), convertedSessions: count(r('converted_sessions')), events: count(r('events')) }));
  return rows[0] ?? { sessions: 0, convertedSessions: 0, events: 0 };
}

export function readPages(answer: Answer, limit?: number): Parsed<PageRow> {
  return parse(answer, limit, (r) => complete<PageRow>({ path: text(r('path')), sessions: count(r('sessions')), convertedSessions: count(r('converted_sessions')) }));
}

/** The columns every per-element friction query answers with. */
function elementFields(r: (column: string) => unknown): { [K in keyof ErrorClickRow]: ErrorClickRow[K] | undefined } {
  return {
    path: text(r('path')),
    chain: text(r('chain')),
    occurrences: count(r('occurrences')),
    sessions: count(r('sessions')),
    convertedSessions: count(r('converted_sessions')),
    examples: examples(r('examples')),
  };
}

export function readFrictions(answer: Answer, limit?: number): Parsed<FrictionRow> {
  return parse(answer, limit, (r) => {
    const event = r('event');
    if (event !== '$rageclick' && event !== '$dead_click') return undefined;
    return complete<FrictionRow>({ event, ...elementFields(r) });
  });
}

export function readErrorClicks(answer: Answer, limit?: number): Parsed<ErrorClickRow> {
  return parse(answer, limit, (r) => complete<ErrorClickRow>(elementFields(r)));
}

export function readDropOffs(answer: Answer, limit?: number): Parsed<DropOffRow> {
  return parse(answer, limit, (r) => complete<DropOffRow>({ path: text(r('path')), sessions: count(r('sessions')), examples: examples(r('examples')) }));
}
