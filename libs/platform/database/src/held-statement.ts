/** A statement held by a transaction's runner, to go out with its next one (`statements-ahead.ts`). */
export interface Statement {
  readonly text: string;
  readonly values: unknown[];
}

/** TypeORM's BEGIN as held: the first statement of a transaction that has sent nothing yet. */
export const BEGIN: Statement = { text: 'BEGIN', values: [] };

/**
 * A held write's failure says which write it was: it surfaces on the statement the write went with. BEGIN is not a
 * write, and what fails there (a connection lost before the transaction's first statement) is the driver's error as
 * it stands. Compared by text: the statement that failed may be the copy that went out, not the one held.
 */
export function namedAfter(error: Error, failed: Statement): Error {
  if (failed.text !== BEGIN.text)
    error.message = `${error.message} (in a write sent ahead: ${failed.text.replace(/\s+/g, ' ').slice(0, 120)})`;
  return error;
}
