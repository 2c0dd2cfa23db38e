// Maps the gate's failing checks onto the TSX that renders them, for SARIF and the terminal. In order of preference:
// 0. the candidate report's own mapping (frictionByElement[].source, when it was simulated with --src);
// then with --src, since a run's signals name their element only by selector and fingerprint:
// 1. the recording of a candidate run that had the signal (replayed: tag, text, attributes, ancestors, as analyze
//    sees them), 2. its selector alone (tag, id, classes, attributes, plus the report's text for it), 3. the route
//    (page-level).
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { indexSources, mapElementToSource, mapPageToSource, type SourceIndex, type SourceLocation } from '../mapping';
import { buildSession } from '../replay';
import { assembleDescriptor } from '../replay/assemble-descriptor';
import { splitCompounds, type SelectorStep } from '../replay/selector';
import type { AncestorDescriptor, ElementDescriptor } from '../replay/types';
import { readSessions } from '../sources/files';
import type { GateCheck, GateResult } from './gate';
import type { GateLocation } from './gate-reports';
import type { SimulationReport } from './types';

/**
 * A selector alone lacks the text, name and ancestors the mapper weighs, so even an exact id match scores low
 * ("#tax-ref" -> 0.24): accept lower confidences than analyze's 0.25 here; SARIF carries the confidence.
 */
const SELECTOR_MIN_CONFIDENCE = 0.15;

/** Recordings replayed per failing element at most: one that holds the element suffices. */
const MAX_RECORDINGS_PER_CHECK = 3;

interface Compound {
  tag?: string;
  id?: string;
  classes: string[];
  attributes: Record<string, string>;
  nthOfType?: number;
}

function parseCompound(token: string): Compound {
  const c: Compound = { classes: [], attributes: {} };
  const re = /^([a-zA-Z][\w-]*)|#((?:\\.|[\w-])+)|\.((?:\\.|[\w-])+)|\[([\w-]+)(?:[~|^$*]?=\s*(?:"((?:\\.|[^"])*)"|'((?:\\.|[^'])*)'|([^\]\s]*)))?\s*\]|:nth-of-type\((\d+)\)|:[\w-]+(?:\([^)]*\))?/g;
  const unescape = (s: string) => s.replace(/\\(.)/g, '$1');
  let m: RegExpExecArray | null;
  while ((m = re.exec(token))) {
    if (m[1]) c.tag = m[1].toLowerCase();
    else if (m[2]) c.id = unescape(m[2]);
    else if (m[3]) c.classes.push(unescape(m[3]));
    else if (m[4]) c.attributes[m[4]] = unescape(m[5] ?? m[6] ?? m[7] ?? '');
    else if (m[8]) c.nthOfType = Number(m[8]);
  }
  return c;
}

/** Tags tried when a selector names none ("#tax-ref", "[data-testid=pay]"): the mapper penalises a wrong tag. */
const GUESSED_TAGS = ['button', 'a', 'input', 'select', 'textarea', 'div', 'span', 'form', 'label', 'img'];

const stepOf = (c: Compound, tag: string): SelectorStep => ({ tag, id: c.id, testId: c.attributes['data-testid'], classes: c.classes, nthOfType: c.nthOfType });

/**
 * ElementDescriptors rebuilt from a CSS selector alone (the last compound; the others become ancestors): one, or
 * one per plausible tag when the selector names no tag. Assembled like every other descriptor (attribute
 * filtering, scrubbing); the selector and fingerprint stay the ones the element is known by.
 */
export function descriptorsFromSelector(selector: string, fingerprint = '', text?: string): ElementDescriptor[] {
  const compounds = splitCompounds(selector).map(parseCompound);
  const own = compounds.pop();
  if (!own) return [];
  const rawAttributes: Record<string, string> = { ...own.attributes };
  if (own.id) rawAttributes.id = own.id;
  const parents = compounds.reverse();
  const ancestors: AncestorDescriptor[] = parents.map((a) => ({
    tag: a.tag ?? 'div',
    id: a.id,
    classes: a.classes,
    testId: a.attributes['data-testid'],
    role: a.attributes.role,
  }));
  return (own.tag ? [own.tag] : GUESSED_TAGS).map((tag) => ({
    ...assembleDescriptor({
      tag,
      rawAttributes,
      classes: own.classes,
      text: text || undefined,
      ancestors,
      steps: [stepOf(own, tag), ...parents.map((a) => stepOf(a, a.tag ?? 'div'))],
    }),
    // buildSelector keeps ids, test ids, classes and positions only: the selector as given says more.
    selector,
    fingerprint,
  }));
}

/** Replays recordings of candidate runs that had the check's signal until one holds its element. */
async function descriptorFromRecordings(check: GateCheck, report: SimulationReport, reportDir: string): Promise<ElementDescriptor | undefined> {
  const matches = (s: { kind: string; route: string; selector?: string; fingerprint?: string }) =>
    s.kind === check.signal && s.route === check.route && (check.fingerprint ? s.fingerprint === check.fingerprint : s.selector === check.selector);
  const files = report.runs
    .filter((r) => r.recording && r.signals?.some(matches))
    .map((r) => path.resolve(reportDir, r.recording))
    .filter((f) => existsSync(f))
    .slice(0, MAX_RECORDINGS_PER_CHECK);
  for (const file of files) {
    for await (const raw of readSessions([file])) {
      const session = buildSession(raw);
      for (const interaction of session.interactions) {
        const el = interaction.element;
        if (el && (check.fingerprint ? el.fingerprint === check.fingerprint : el.selector === check.selector)) return el;
      }
    }
  }
  return undefined;
}

/** The candidate report's aggregate for the check's element, if it has one. */
function reportedElement(check: GateCheck, report: SimulationReport | undefined) {
  return report?.frictionByElement?.find(
    (e) => e.route === check.route && (check.fingerprint ? e.fingerprint === check.fingerprint : e.selector === check.selector),
  );
}

function best(locations: SourceLocation[], via: GateLocation['via']): GateLocation | undefined {
  const top = locations[0];
  return top ? { file: top.file, line: top.line, column: top.column, confidence: top.confidence, via } : undefined;
}

export interface LocateOptions {
  /** Root of the TSX/JSX sources (--src); without it only the report's own mapping is used. */
  src?: string;
  /** The candidate's report and the directory its recordings are relative to, for replayed elements. */
  candidate?: { report: SimulationReport; dir: string };
  /** An index already built (tests, several flows). */
  index?: SourceIndex;
}

/** check id -> source location, for every failing check that could be mapped. */
export async function locateFailingChecks(result: GateResult, opts: LocateOptions): Promise<Map<string, GateLocation>> {
  const out = new Map<string, GateLocation>();
  const failing = result.checks.filter((c) => c.status === 'fail' && c.route);
  let index = opts.index;
  const sources = (): SourceIndex | undefined => (index ??= opts.src ? indexSources(opts.src) : undefined);
  for (const check of failing) {
    let located: GateLocation | undefined;
    const element = check.kind === 'friction' && (check.selector || check.fingerprint);
    const reported = element ? reportedElement(check, opts.candidate?.report) : undefined;
    if (reported?.source?.length) located = best(reported.source, 'report');
    const idx = located ? undefined : sources();
    if (idx && element) {
      const replayed = opts.candidate ? await descriptorFromRecordings(check, opts.candidate.report, opts.candidate.dir) : undefined;
      if (replayed) located = best(mapElementToSource(replayed, idx), 'recording');
      if (!located && check.selector) {
        const candidates = descriptorsFromSelector(check.selector, check.fingerprint, reported?.text ?? check.text).flatMap((d) =>
          mapElementToSource(d, idx, { minConfidence: SELECTOR_MIN_CONFIDENCE }),
        );
        located = best(candidates.sort((a, b) => b.confidence - a.confidence), 'selector');
      }
    }
    if (!located && idx) located = best(mapPageToSource(check.route!, idx), 'route');
    if (located) out.set(check.id, located);
  }
  return out;
}
