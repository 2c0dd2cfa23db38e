// Plain data of synthetic users: the flows they run (.friction/flows.json), what one run produced, and the report
// of many runs that `friction simulate` writes and `friction gate` compares. A run is also an rrweb recording that
// goes through the same replay -> signals pipeline as a real session.
import type { SignalKind } from '../signals/types';
import type { SourceLocation } from '../mapping/types';

/** How a flow's success is recognised (the same shapes as the analyzer's --goal). */
export type FlowGoal =
  | { url: string }
  | { selector: string }
  | { event: string };

export interface FlowPersonaMix {
  /** Persona name -> weight; names are the simulator's personas (e.g. "buyer", "careful", "impatient"). */
  [persona: string]: number;
}

export interface Flow {
  name: string;
  /** Path or absolute URL; a path is resolved against `--url`. */
  start: string;
  goal: FlowGoal;
  /** The run ends as "cap" after this many actions. */
  maxSteps: number;
  viewports: { width: number; height: number }[];
  /** Values typed into fields whose name, id, label or autocomplete matches the key (e.g. "cardNumber"). */
  inputs?: Record<string, string>;
  personas?: FlowPersonaMix;
}

export interface FlowsFile {
  version: 1;
  flows: Flow[];
  /** How to start the app from a sources folder, for predicting a fix's effect on a patched copy (friction fix --predict). */
  app?: AppCommand;
}

/** A shell command that serves the app built from `{src}` on `{port}`, and the URL it answers on. */
export interface AppCommand {
  /** e.g. "npx vite --port {port}" run in a copy of the project, or "node server.js --src {src} --port {port}". */
  command: string;
  /** e.g. "http://127.0.0.1:{port}". */
  url: string;
  /** Working directory of the command, relative to the flows file's project root (default: the root). */
  cwd?: string;
}

export type RunOutcome = 'success' | 'left' | 'dead_end' | 'cap' | 'error';

/** One decision of the agent, as it was taken. */
export interface RunStep {
  index: number;
  /** Virtual time since the run started, ms. */
  at: number;
  route: string;
  /** "click" on an element, "type" into a field, "back", "leave". */
  action: 'click' | 'type' | 'back' | 'leave' | 'scroll';
  /** CSS selector / fingerprint of the element acted on. */
  selector?: string;
  fingerprint?: string;
  /** Probability the policy gave the chosen action, and the entropy of its distribution (nats). */
  probability: number;
  entropy: number;
  /** Predicted and waited dwell before acting, ms (previous action to this one, typing and pointer travel included). */
  dwellMs: number;
  /** Of that, the time the user sat still before moving to act (the wait left after typing the previous field). */
  idleMs?: number;
  /** What the page did: DOM mutation, navigation, nothing. */
  reaction: 'mutation' | 'navigation' | 'none';
  /** The policy's first choice could not be acted on (hidden, detached, covered). */
  unreachable?: boolean;
  /** Number of actions the policy chose from (element candidates plus BACK and LEAVE). */
  candidates?: number;
}

export interface RunResult {
  id: string;
  flow: string;
  persona: string;
  seed: number;
  viewport: { width: number; height: number };
  outcome: RunOutcome;
  steps: RunStep[];
  durationMs: number;
  /** Uncaught exceptions and failed requests seen during the run. */
  errors: { kind: 'exception' | 'request'; message: string; route: string }[];
  /** Friction found by the analyzer in this run's own recording. */
  signals: { kind: SignalKind; route: string; selector?: string; fingerprint?: string }[];
  /** File (relative to the report) holding the run's rrweb events. */
  recording: string;
  screenshots: string[];
  /** Why the run ended as 'error' (the agent could not go on: page failed to load, browser crashed, ...). */
  failure?: string;
}

/** A place where the policy hesitated: its choice was spread over many actions, or it waited long. */
export interface ConfusionPoint {
  route: string;
  /** What the user had just done on the page (selector), or "(arrival)" when nothing yet. */
  after: string;
  /** Decisions taken there, in how many runs, and how many of them were confused. */
  steps: number;
  runs: number;
  confusedSteps: number;
  meanEntropy: number;
  /** Median time sat still before those decisions. */
  medianIdleMs: number;
  /** Actions chosen there, most frequent first (selector or BACK / LEAVE) with their counts. */
  choices: { action: string; count: number }[];
}

/** Friction the analyzer found in the runs, by element (or page, for page-level signals). */
export interface ElementFriction {
  route: string;
  selector?: string;
  fingerprint?: string;
  text?: string;
  /** Occurrences by signal kind. */
  kinds: Partial<Record<SignalKind, number>>;
  occurrences: number;
  /** Runs with at least one of these signals. */
  runs: number;
  /** Where the element is rendered (with --src), best match first. */
  source?: SourceLocation[];
}

/** An uncaught exception or failed request, grouped across runs. */
export interface Breakage {
  kind: 'exception' | 'request';
  message: string;
  route: string;
  runs: number;
  occurrences: number;
}

export interface SimulationReport {
  version: 1;
  flow: string;
  baseUrl: string;
  /** behavior-policy version: the gate refuses to compare reports of different models. */
  model: string;
  generatedAt: string;
  runs: RunResult[];
  summary: {
    runs: number;
    successes: number;
    successRate: number;
    /** Wilson score interval at 95 %. */
    successInterval: [number, number];
    medianSteps: number;
    medianStepMs: number;
    /** Runs by how they ended. */
    outcomes?: Record<RunOutcome, number>;
  };
  /** The goal in words, e.g. "URL contains /checkout/confirmation". */
  goal?: string;
  /** Decision points where the policy was unsure (high entropy) or waited long, most confused first. */
  confusion?: ConfusionPoint[];
  /** Friction signals of the runs aggregated by route and element, most widespread first. */
  frictionByElement?: ElementFriction[];
  breakages?: Breakage[];
  /** Things the reader must know, e.g. that no run reached the goal. */
  warnings?: string[];
}
