/** A dependency the service cannot start without is unreachable; the message says which and how to fix it. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}
