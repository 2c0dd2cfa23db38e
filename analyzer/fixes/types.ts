// The product editor's data: a fix in the catalogue (one per file, listed in fixes/index.ts), what it needs from the
// data and the code, and the proposal it makes for one hotspot. Everything here is plain data except FixTarget,
// which carries the parsed ts-morph nodes a transform edits.
import type { JsxOpeningElement, JsxSelfClosingElement, Node, SourceFile } from 'ts-morph';
import type { ReportHotspot } from '../report/types';
import type { SignalKind } from '../signals/types';

export const FIX_IDS = [
  'real-control-for-dead-click',
  'pending-submit-state',
  'guarded-click-handler',
  'field-input-hints',
  'larger-tap-target',
  'cta-above-fold',
  'descriptive-link-text',
  'visible-field-label',
] as const;

export type FixId = (typeof FIX_IDS)[number];

/** The element at the hotspot's mapped source location, parsed and ready to edit. */
export interface FixTarget {
  sourceFile: SourceFile;
  /** The opening tag (or self-closing element) that starts at the mapped line and column. */
  opening: JsxOpeningElement | JsxSelfClosingElement;
  /** The hotspot as reported, including `nextPages` (where the affected sessions went next) when the pipeline had it. */
  hotspot: ReportHotspot;
  /** Absolute root of the indexed sources (the report's `src`): to read other files, e.g. a link's destination page. */
  srcRoot: string;
}

/** How to confirm in production that the change helped. */
export interface VerificationPlan {
  /** The number that should move, e.g. "conversion of sessions reaching /checkout/payment". */
  metric: string;
  /** What the data predicts, in words with the figures, e.g. "rage clicks on Pay now fall from 31 % of sessions to near 0". */
  expectation: string;
  /** Ordered steps: ship (behind the flag), wait for N sessions, compare in PostHog. */
  steps: string[];
  /** PostHog feature-flag key, when the fix is applied behind one. */
  flag?: string;
}

/** What `apply` changed in the markup: the node now, and its text before the fix. */
export interface ChangedMarkup {
  node: Node;
  originalText: string;
}

/** Why a fix does not apply to an element: shown to users as is. */
export type NotApplicable = { applicable: false; reason: string };

export interface FixDefinition {
  id: FixId;
  /** Imperative, shown in the quick-fix menu: "Make the badge a real button". May use the element's text. */
  title(target: FixTarget): string;
  /** Signal kinds this fix answers (the trigger's first half). */
  kinds: readonly SignalKind[];
  /** The trigger's second half: does the element at the source fit (e.g. a non-interactive tag styled as clickable)? */
  check(target: FixTarget): { applicable: true } | NotApplicable;
  /** True when the element already has this fix: applying again must change nothing. */
  isApplied(target: FixTarget): boolean;
  /** One line citing the data: "31 % of checkout sessions clicked this badge; 0 reactions". */
  rationale(target: FixTarget): string;
  /**
   * Edits target.sourceFile in place with ts-morph. Returns the JSX node that holds every change to the markup (the
   * element, or the smallest JSX node around all changed markup) and that node's text before the fix, so the
   * feature-flag option can keep both versions. Changes outside the markup (an import, a hook) stay unconditional.
   */
  apply(target: FixTarget): ChangedMarkup;
  verification(target: FixTarget, flag?: string): VerificationPlan;
}

/** One fix offered for one hotspot (what `friction fix --list` prints and the extension's code actions carry). */
export interface FixProposal {
  /** `<fixId>@<hotspotId>`: stable while the data and the fix are. */
  id: string;
  fix: FixId;
  hotspotId: string;
  /** Relative to the report's src, forward slashes; 1-based line and column of the element. */
  file: string;
  line: number;
  column: number;
  title: string;
  rationale: string;
  verification: VerificationPlan;
}

/** Why a fix could not be offered or applied: the location no longer matches, the file does not parse, ... */
export interface FixProblem {
  kind: 'drifted' | 'unparsable' | 'not_applicable' | 'already_applied' | 'invalid_result' | 'missing_file';
  message: string;
}

/** The result of applying one fix to a file's text: the whole new text, and the single edit that produces it. */
export interface FixEdit {
  file: string;
  before: string;
  after: string;
  /** 0-based offsets into `before` of the replaced span and its replacement: one undoable WorkspaceEdit. */
  edit: { start: number; end: number; text: string };
}
