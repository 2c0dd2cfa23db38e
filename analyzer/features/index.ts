// The feature extractor shared by training and inference, by real sessions and synthetic runs: session behaviour
// for the session-outcome model; candidate actions, their features and labelled decision steps for the policy.
export * from './session-features';
export * from './candidates';
export * from './element-features';
export * from './policy-steps';
export { BACK_KEY, LEAVE_KEY, START_KEY, BACK_LINK_WINDOW_MS, conversionCut, isBackNavigation } from './common';
export * from './outcome-rows';
