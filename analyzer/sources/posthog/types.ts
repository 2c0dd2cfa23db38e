// Shapes of the PostHog answers we read (FACTS.md 2.3-2.5), reduced to the fields we use. The API is
// partly undocumented ("never built for public use"), so every field we depend on is checked on arrival.

/** One row of GET /api/projects/:id/session_recordings/ (FACTS.md 2.4). */
export interface RecordingSummary {
  id: string;
  /** ISO date. */
  start_time: string;
  end_time?: string;
  /** Seconds. */
  recording_duration: number;
  start_url?: string | null;
  distinct_id?: string;
  click_count?: number;
  [other: string]: unknown;
}

export interface RecordingsPage {
  results: RecordingSummary[];
  has_next: boolean;
}

/** One entry of the snapshot sources listing (FACTS.md 2.5). */
export interface SnapshotSource {
  source: 'blob_v2' | 'blob' | 'realtime' | string;
  blob_key?: string;
  start_timestamp?: string;
  end_timestamp?: string;
}

/** A blob_v2 JSONL line: the browser window (tab) and the rrweb event as posthog-js sent it. */
export type BlobLine = [windowId: string, event: RrwebEventLike];

export interface RrwebEventLike {
  type: number;
  timestamp: number;
  data?: unknown;
  cv?: unknown;
  [other: string]: unknown;
}

/** HogQL answer (FACTS.md 2.3), reduced. */
export interface HogQLResult {
  results: unknown[][];
  columns: string[];
  types: unknown[];
  [other: string]: unknown;
}

export interface QueryStatus {
  id: string;
  complete?: boolean;
  error?: boolean;
  error_message?: string | null;
  results?: unknown;
}
