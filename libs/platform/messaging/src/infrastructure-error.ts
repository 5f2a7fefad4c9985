/**
 * Failures of the database or the network rather than of the message or the handler. Dead-lettering on those would
 * park every message of an outage; instead the batch fails, nothing is committed, and the consumer retries (and, past
 * its restart budget, the process reports not ready and exits so it is restarted).
 */
export function isInfrastructureError(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  // SQLSTATE class 08 (connection exception), 53 (insufficient resources), 57P0x (operator intervention: shutdown).
  if (/^08|^53|^57P0/.test(code)) return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code))
    return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(message);
}
