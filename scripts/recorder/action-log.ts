// What a persona did, in virtual time: the raw material for the corpus' ground truth.

export type ActionKind = 'goto' | 'click' | 'type' | 'select' | 'scroll' | 'back' | 'thrash' | 'search_scroll' | 'leave';

export interface Action {
  kind: ActionKind;
  /** Virtual time (ms epoch) when the action happened (for clicks: the click event). */
  t: number;
  /** For actions that last (typing, scrolling): when they began. */
  start?: number;
  /** For page loads (goto, back): the full URL loaded. */
  url?: string;
  /** Route of the page the action happened on. */
  route: string;
  selector?: string;
  /** Viewport position of a click. */
  x?: number;
  y?: number;
  /** For fields: the CSS selector of the form they belong to. */
  form?: string;
  /** For clicks: the click submits this form. */
  submits?: string;
  /** For clicks on links: the route it leads to. */
  navigatesTo?: string;
  /** Free-form note: persona intent, e.g. "rage burst 4". */
  note?: string;
}

export interface PageError {
  t: number;
  message: string;
}
