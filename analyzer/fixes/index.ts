// The product editor's catalogue: one fix per file, listed here in the order the quick-fix menu offers them when
// several fit one hotspot. Adding a fix is one new file and one line here.
import { ctaAboveFoldFix } from './cta-above-fold';
import { descriptiveLinkTextFix } from './descriptive-link-text';
import { fieldInputHintsFix } from './field-input-hints';
import { guardedClickHandlerFix } from './guarded-click-handler';
import { largerTapTargetFix } from './larger-tap-target';
import { pendingSubmitStateFix } from './pending-submit-state';
import { realControlForDeadClickFix } from './real-control-for-dead-click';
import type { FixDefinition } from './types';
import { visibleFieldLabelFix } from './visible-field-label';

export const FIX_CATALOGUE: readonly FixDefinition[] = [
  realControlForDeadClickFix,
  pendingSubmitStateFix,
  guardedClickHandlerFix,
  fieldInputHintsFix,
  visibleFieldLabelFix,
  largerTapTargetFix,
  ctaAboveFoldFix,
  descriptiveLinkTextFix,
];

export { applyFixToText } from './apply-fix';
export { applyProposal, proposeFixes, type FixWorkspace } from './propose-fixes';
export type * from './types';
