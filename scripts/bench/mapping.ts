// Section d: ts-morph source indexing of a generated 2,000-file TSX tree vs bare ts-morph parsing of the same
// files (two floors: walking the raw compiler nodes, and ts-morph's wrapped forEachDescendant), then the time to
// map 1,000 hotspot descriptors onto the index.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ts } from 'ts-morph';
import { indexSources, mapElementToSource } from '../../analyzer/mapping';
import { createParsingProject } from '../../analyzer/mapping/index-sources';
import { generateTsxTree } from './generate-tsx-tree';
import { hotspotDescriptors } from './hotspot-descriptors';
import { collectGarbage, median, RssSampler, timed } from './measure';
import type { BenchTable } from './tables';

const RUNS = 3;

export interface MappingResult {
  files: number;
  jsxElements: number;
  rows: { what: string; medianMs: number; runsMs: number[]; peakRssMB: number; count: number }[];
  descriptors: number;
  mapColdMs: number;
  mapWarmMs: number;
  top1FileAccuracy: number;
}

/** Parse every file and count nodes, dropping each tree as indexSources does; nothing else. */
function bareParse(root: string, files: string[], walk: 'compiler' | 'wrapped'): number {
  const project = createParsingProject();
  let nodes = 0;
  const visit = (node: ts.Node): void => {
    nodes++;
    ts.forEachChild(node, visit);
  };
  for (const rel of files) {
    const sourceFile = project.addSourceFileAtPath(path.join(root, rel));
    if (walk === 'compiler') visit(sourceFile.compilerNode);
    else sourceFile.forEachDescendant(() => void nodes++);
    project.removeSourceFile(sourceFile);
  }
  return nodes;
}

async function median3(what: string, run: () => number): Promise<MappingResult['rows'][number]> {
  const runs: { ms: number; peak: number; count: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    collectGarbage();
    const sampler = new RssSampler().begin();
    const { ms, value } = await timed(run);
    runs.push({ ms, peak: sampler.end().peakMB, count: value });
  }
  return {
    what, count: runs[0].count, medianMs: Math.round(median(runs.map((r) => r.ms))),
    runsMs: runs.map((r) => Math.round(r.ms)), peakRssMB: Math.round(median(runs.map((r) => r.peak))),
  };
}

export async function measureMapping(fileCount = 2000, descriptorCount = 1000): Promise<MappingResult> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'friction-bench-tsx-'));
  try {
    const files = generateTsxTree(root, fileCount);
    const rows = [
      await median3('bare parse + compiler-node walk (floor)', () => bareParse(root, files, 'compiler')),
      await median3('bare parse + ts-morph forEachDescendant', () => bareParse(root, files, 'wrapped')),
      await median3('indexSources', () => indexSources(root).elements.length),
    ];
    const index = indexSources(root);
    const expected = hotspotDescriptors(root, files, descriptorCount);
    const mapAll = () => expected.map((e) => mapElementToSource(e.element, index));
    // The first pass also builds the index's lookup maps (cached per index), as the first hotspot would.
    const t0 = performance.now();
    const results = mapAll();
    const t1 = performance.now();
    mapAll();
    const t2 = performance.now();
    const correct = results.filter((r, i) => r[0]?.file === expected[i].file).length;
    return {
      files: index.files, jsxElements: index.elements.length, rows, descriptors: expected.length,
      mapColdMs: Math.round(t1 - t0), mapWarmMs: Math.round(t2 - t1), top1FileAccuracy: correct / expected.length,
    };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

export function mappingTables(r: MappingResult): BenchTable[] {
  const floor = r.rows[0].medianMs;
  const indexing: BenchTable = {
    title: `Mapping: index a generated ${r.files}-file TSX tree (${r.jsxElements} JSX elements; median of ${RUNS})`,
    head: ['what', 'median time', 'runs', 'ms / file', 'ratio to floor', 'peak RSS'],
    rows: r.rows.map((row) => [
      row.what, `${row.medianMs} ms`, row.runsMs.join(' / '), (row.medianMs / r.files).toFixed(2), `${(row.medianMs / floor).toFixed(2)}×`, `${row.peakRssMB} MB`,
    ]),
    notes: ['Ratio is time relative to the floor (lower is better; 1.00× = no cost beyond parsing).'],
  };
  const per = (ms: number) => `${((ms * 1000) / r.descriptors).toFixed(0)} µs`;
  const mapping: BenchTable = {
    title: `Mapping: ${r.descriptors} hotspot descriptors onto that index`,
    head: ['pass', 'total', 'per descriptor', 'top-1 file correct'],
    rows: [
      ['cold (builds lookup maps)', `${r.mapColdMs} ms`, per(r.mapColdMs), `${(r.top1FileAccuracy * 100).toFixed(1)}%`],
      ['warm', `${r.mapWarmMs} ms`, per(r.mapWarmMs), ''],
    ],
  };
  return [indexing, mapping];
}
