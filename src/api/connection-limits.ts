/**
 * The HTTP server's limits (REQUEST_TIMEOUT_MS, IDLE_TIMEOUT_MS, KEEP_ALIVE_TIMEOUT_MS,
 * MAX_CONNECTIONS): how long a client may hold a connection, and how many may be open at once.
 * Together they bound the memory that slow or stalled clients can pin (each may buffer up to the
 * body limit: 256 connections x 5 MB at most).
 */
export interface ConnectionLimits {
  /** Time to receive a whole request, headers and body; a stalled upload is closed after it. */
  readonly requestTimeoutMs: number;
  /** A connection with no traffic in either direction for this long is closed. */
  readonly idleTimeoutMs: number;
  /** An idle keep-alive connection between requests is closed after this long. */
  readonly keepAliveTimeoutMs: number;
  /** Connections beyond this many are refused (closed) until others end. */
  readonly maxConnections: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  requestTimeoutMs: 30_000,
  idleTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 256,
};
