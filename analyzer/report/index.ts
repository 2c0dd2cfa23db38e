// Report stage: the versioned contract and its renderings.
export { toReport } from './build-report';
export { toSarif } from './sarif';
export { formatHotspotTable } from './table';
export * from './types';
