// The pipeline, top to bottom: read -> replay -> signals -> (baseline refine) -> hotspots -> map -> report.
// Sessions stream through one at a time; only compact per-session summaries and signals are kept.
import { readSessions } from '../sources/files';
import type { ReadIssue, RawSession } from '../sources/files/types';
import { buildSession } from '../replay';
import type { Goal, Session } from '../replay/types';
import { BaselineAccumulator, refineSignals, type DetectOptions } from '../signals';
import { SIGNAL_KINDS, type Signal, type SignalKind } from '../signals/types';
import { aggregateHotspots, type SessionSummary } from '../hotspots';
import { rankByLostConversions, type OutcomeScorer } from '../hotspots/impact';
import type { Hotspot } from '../hotspots/types';
import { addNextPages } from '../hotspots/next-pages';
import { indexSources, mapElementToSource, mapPageToSource } from '../mapping';
import { toReport } from '../report/build-report';
import type { AnalysisReport } from '../report/types';
import { learnRouteFolder } from '../replay/route-folding';
import { digestSession, type SessionDigest } from './session-digest';
import { analyzeFilesInWorkers } from './parallel';

/** Signal details that name routes (quick back's target) fold with the pages. */
function foldDetails(details: Signal['details'], fold: (route: string) => string): Signal['details'] {
  const out = { ...details };
  for (const key of ['target', 'returnedTo']) if (typeof out[key] === 'string') out[key] = fold(out[key] as string);
  return out;
}

export interface AnalyzeOptions {
  goal?: Goal;
  goalText?: string;
  /** Root of the TSX/JSX sources to map hotspots onto. */
  src?: string;
  detect?: DetectOptions;
  /** Route templates such as "/product/:id"; others are learned from the data (see replay/route-folding.ts). */
  routes?: string[];
  onProgress?(progress: { sessions: number; events: number; file?: string }): void;
  onIssue?(issue: ReadIssue): void;
  /** Worker threads to read and replay with (1: all on this thread). Results are identical either way. */
  workers?: number;
  /** Ranks hotspots by estimated lost conversions (hotspots/impact.ts); without it the observed interim score ranks. */
  outcome?: OutcomeScorer;
}

export interface AnalysisResult {
  report: AnalysisReport;
  hotspots: Hotspot[];
  signals: Signal[];
  sessions: SessionSummary[];
}

/** Accumulates sessions one at a time; `finish` ranks and maps. Used by the file pipeline and by tests. */
export class Analysis {
  private readonly baseline = new BaselineAccumulator();
  private readonly candidates: Signal[] = [];
  readonly summaries: SessionSummary[] = [];
  events = 0;

  constructor(private readonly options: AnalyzeOptions) {}

  /** The detectors to run; workers get the same, so their digests equal the sequential ones. */
  detectOptions(): DetectOptions {
    const kinds = this.options.detect?.kinds ?? SIGNAL_KINDS;
    // Without a goal every session "fails", so funnel drop-off would be noise.
    return { ...this.options.detect, kinds: this.options.goal ? kinds : kinds.filter((k) => k !== 'drop_off') };
  }

  addRaw(raw: RawSession): Session {
    const session = buildSession(raw, this.options.goal);
    this.add(session);
    return session;
  }

  add(session: Session): void {
    this.addDigest(digestSession(session, this.detectOptions()));
  }

  /** A session already replayed and detected (possibly in a worker thread). */
  addDigest(digest: SessionDigest): void {
    this.events += digest.events;
    this.candidates.push(...digest.candidates);
    this.baseline.addSamples(digest.samples);
    this.summaries.push(digest.summary);
  }


  /** Ranks, and maps onto `options.src` when given (the index is built here, once every session is in). */
  async finish(skipped: ReadIssue[] = []): Promise<AnalysisResult> {
    const index = this.options.src ? indexSources(this.options.src) : undefined;
    const fold = learnRouteFolder(this.summaries.flatMap((s) => s.routes), this.options.routes);
    for (const summary of this.summaries) summary.routes = summary.routes.map(fold);
    const folded = this.candidates.map((s) => ({ ...s, page: fold(s.page), details: foldDetails(s.details, fold) }));
    const signals = refineSignals(folded, this.baseline.result(fold), this.detectOptions());
    const aggregated = aggregateHotspots(signals, this.summaries);
    const hotspots = this.options.outcome ? await rankByLostConversions(aggregated, signals, this.summaries, this.options.outcome) : aggregated;
    addNextPages(hotspots, signals, this.summaries);
    if (index) {
      for (const hotspot of hotspots) {
        hotspot.source = hotspot.element ? mapElementToSource(hotspot.element, index) : mapPageToSource(hotspot.page, index);
      }
    }
    const counts = Object.fromEntries(SIGNAL_KINDS.map((k) => [k, 0])) as Record<SignalKind, number>;
    for (const s of signals) counts[s.kind]++;
    const report = toReport({
      hotspots,
      sessions: this.summaries,
      events: this.events,
      skipped,
      signalCounts: counts,
      goal: this.options.goalText,
      src: this.options.src,
      model: this.options.outcome?.version,
    });
    return { report, hotspots, signals, sessions: this.summaries };
  }
}

/** Analyse recordings on disk (files or directories, any supported format). */
export async function analyzeFiles(paths: string[], options: AnalyzeOptions = {}): Promise<AnalysisResult> {
  if ((options.workers ?? 1) > 1) return analyzeFilesInWorkers(paths, options);
  const analysis = new Analysis(options);
  const skipped: ReadIssue[] = [];
  for await (const raw of readSessions(paths, {
    onIssue: (issue) => {
      skipped.push(issue);
      options.onIssue?.(issue);
    },
  })) {
    analysis.addRaw(raw);
    options.onProgress?.({ sessions: analysis.summaries.length, events: analysis.events, file: raw.origin });
  }
  return analysis.finish(skipped);
}
