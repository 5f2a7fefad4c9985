/**
 * This process's outbox relay as the service's writers see it. While the relay leads (holds its schema's relay lock),
 * a transaction that writes outbox rows wakes it within the process once it has committed, instead of with a NOTIFY:
 * Postgres signals every session listening in the database on each notifying commit, whatever the channel, so with
 * the services sharing one database every outbox write woke all of their relays' sessions, and on this machine a
 * session's wake-up (a signal, a context switch) cost the server more than the relay's own statements. Writers in
 * a replica whose relay is a standby still notify, and the leading relay still listens for them.
 */
export class LocalRelay {
  private wakeUp: (() => void) | undefined;

  /** Whether this process's relay leads now: a wake-up reaches it. */
  get leading(): boolean {
    return this.wakeUp !== undefined;
  }

  /** Called by the relay once it holds the lock and listens. */
  lead(wakeUp: () => void): void {
    this.wakeUp = wakeUp;
  }

  /** Called by the relay when it lets the lock go (stopping, or its session lost). */
  standDown(): void {
    this.wakeUp = undefined;
  }

  /** New rows have committed. Should the relay have stood down meanwhile, the leader finds them at its next poll. */
  wake(): void {
    this.wakeUp?.();
  }
}
