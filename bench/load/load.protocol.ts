/** A reader of the vote scenarios: a token of their own and the address their proxy reports. */
export interface ReaderCredential {
  token: string;
  forwardedFor: string;
}

/** One closed-loop run, sent by the bench to the load worker. */
export interface LoadJob {
  /** Where the requests go; the connections are spread over these in turn (copies of one server). */
  origins: string[];
  connections: number;
  durationMs: number;
  method: 'GET' | 'POST';
  path: string;
  /** Paths taken in turn instead of `path` (requests spread over many resources). */
  paths?: string[];
  headers?: Record<string, string>;
  /** JSON bodies, taken in turn. */
  bodies?: string[];
  /** One per request; once all are used no request is sent and the run reports `readersExhausted`. */
  readers?: ReaderCredential[];
}

export interface LoadResult {
  /** Requests that got an answer or failed in transport. */
  requests: number;
  /** Answers by status code. */
  statuses: Record<string, number>;
  /** Non-2xx answers plus transport failures. */
  errors: number;
  transportErrors: number;
  elapsedMs: number;
  p50Ms: number;
  p99Ms: number;
  readersUsed: number;
  readersExhausted: boolean;
  /** The first error seen, for the report. */
  firstError?: string;
}
