// The source index (JSX elements found by ts-morph) and the locations a hotspot maps to.

/** One JSX ancestor of an element (inside the same component), with what is statically known about it. */
export interface JsxAncestor {
  tag: string;
  intrinsic: boolean;
  classes: string[];
  id?: string;
  testId?: string;
}

export interface JsxElementEntry {
  /** Path relative to the indexed root, with forward slashes. */
  file: string;
  line: number;
  column: number;
  /** Tag as written: "button", "Button", "motion.div". */
  tag: string;
  /** True for lower-case intrinsic elements (rendered as that DOM tag). */
  intrinsic: boolean;
  /** Static attribute values (string literals, or string-only expressions); dynamic ones as true. */
  attributes: Record<string, string | true>;
  /**
   * Attributes written as template literals with substitutions, as their static parts:
   * data-testid={`card-${id}`} -> { "data-testid": ["card-", ""] }. Lets `card-42` match without claiming a value.
   */
  attributeTemplates?: Record<string, string[]>;
  /** Has {...spread} attributes: props we cannot see (a test id, an aria-label) may still reach the DOM. */
  hasSpread?: boolean;
  /** Class names known statically: className literal, template parts, clsx/classnames arguments. */
  classes: string[];
  /** Static text children, whitespace-collapsed. */
  text: string;
  /** Name of the enclosing component (function / const / class), if any. */
  component?: string;
  /** Ancestor JSX tags inside the same component, nearest first. */
  ancestorTags: string[];
  /** The same ancestors with their static classes / id / test id, nearest first (parallel to ancestorTags). */
  ancestors?: JsxAncestor[];
}

/** Where a route path is declared and, when readable, which component it renders. */
export interface RouteEntry {
  /** Path as written and joined with parent routes ("/product/:id"); for kind "regex" the RegExp source. */
  path: string;
  /** jsx: <Route path=...>; object: { path: ..., component/element }; switch: case '/cart':; regex: /^\/product\/.../. */
  kind: 'jsx' | 'object' | 'switch' | 'regex';
  file: string;
  line: number;
  column: number;
  component?: string;
}

/** A PascalCase function / const / class that renders JSX. */
export interface ComponentEntry {
  name: string;
  file: string;
  line: number;
  column: number;
}

/** A file the indexer could not read; indexing continues without it. */
export interface IndexProblem {
  file: string;
  message: string;
}

export interface SourceIndex {
  root: string;
  files: number;
  elements: JsxElementEntry[];
  routes?: RouteEntry[];
  components?: ComponentEntry[];
  problems?: IndexProblem[];
}

export interface SourceLocation {
  file: string;
  line: number;
  column: number;
  /** 0..1; high only when a strong identifier (id, test id, aria-label, unique text) matched. */
  confidence: number;
  component?: string;
  /** Which parts of the element matched, e.g. ["data-testid=pay", "text=Pay now"]. */
  evidence: string[];
}
