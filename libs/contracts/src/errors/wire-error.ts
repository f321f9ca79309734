/** One field that failed validation, as listed in a problem document's `errors`. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * The one error shape that crosses NATS. The gateway turns it into an RFC 9457 problem document;
 * `status` is the HTTP status the gateway answers with.
 */
export interface WireError {
  code: string;
  status: number;
  message: string;
  errors?: FieldError[];
  errorId?: string;
  /** For 429: seconds until the client may try again (sent as Retry-After). */
  retryAfterSeconds?: number;
}

export function isWireError(value: unknown): value is WireError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.code === 'string' &&
    typeof candidate.status === 'number' &&
    typeof candidate.message === 'string'
  );
}
