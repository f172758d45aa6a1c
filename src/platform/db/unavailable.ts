/**
 * Whether an error means "PostgreSQL cannot be reached right now" (a stopped server, a failover, a
 * network cut, a full connection pool), as opposed to a problem with what was asked of it. Only the
 * first kind is worth keeping the work for and trying again later.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause: unknown = error, depth = 0; cause !== undefined && cause !== null && depth < 5; depth += 1) {
    const { code, message } = cause as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
    if (typeof message === 'string' && UNREACHABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

// Socket errors from Node when the server is down or unreachable.
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

// SQLSTATE class 08 (connection exception), 57P01–57P03 (shutting down, crashed, starting up),
// 53300 (too many connections).
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;

// What pg and pg-pool say when a connection ends or never starts; they set no code for these.
const UNREACHABLE_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /Client has encountered a connection error and is not queryable/,
  /Cannot use a pool after calling end/,
  /the database system is (starting up|shutting down|in recovery mode)/,
];
