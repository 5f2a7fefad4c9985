/**
 * Failures of the database or the network rather than of the message, the request or the handler. A consumer does not
 * dead-letter on them (that would park every message of an outage): the batch fails, nothing is committed, and the
 * consumer retries. An HTTP request meeting one is answered 503 with Retry-After, not 500.
 */
export function isInfrastructureError(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  // SQLSTATE class 08 (connection exception), 53 (insufficient resources), 57P0x (operator intervention: shutdown).
  if (/^08|^53|^57P0/.test(code)) return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code))
    return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  // node-postgres' pool gave no connection in time: every one was busy, a shortage of resources like SQLSTATE 53.
  return /Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(
    message,
  );
}
