/** One request of the corpus, ready to be sent as bytes. */
export interface HostileRequest {
  /** `POST /api/v1/polls`: the operation of the OpenAPI document it was derived from. */
  operation: string;
  /** What is wrong with it, for the summary and for failures. */
  kind: string;
  method: string;
  /** Already encoded: sent as it is, including bytes no HTTP client would produce. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Statuses the request must get; any 4xx when left out. */
  expect?: number[];
  /**
   * The contract may accept it (a length at its maximum, free text with bidi controls that a service may
   * clean up): then any answer but a 5xx will do. Only sent where acceptance changes nothing.
   */
  mayPass?: boolean;
}

/** Tokens the corpus signs requests with: real ones for each role and hostile ones. */
export interface Credentials {
  staff: { moderator: string; editor: string; admin: string };
  reader: string;
  /** Label and token: forged JWTs and garbage, each refused by every staff or reader route. */
  hostileBearers: [string, string][];
}

export const JSON_TYPE = 'application/json';
