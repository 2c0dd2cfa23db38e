// Public surface of the file readers: stream rrweb sessions out of files and directories.
export { collectSessions, readSessions, readRecordingFile } from './read-sessions';
export { decompressPosthogEvent, CompressedPayloadError } from './posthog-compression';
export { ReadSummary, formatIssue } from './issues';
export { DEFAULT_MAX_EVENTS_PER_SESSION } from './session-builder';
export type { InputFormat, RawEvent, RawSession, ReadIssue, ReadOptions } from './types';
