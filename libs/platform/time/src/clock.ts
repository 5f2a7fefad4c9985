/**
 * The current instant, injected wherever a rule depends on time (statutory deadlines, assessment limits, validity),
 * so tests can move time instead of waiting for it. Nest resolves the abstract class as the injection token.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that stands still until told to move: for tests and for replaying history. */
export class ManualClock extends Clock {
  private current: number;

  constructor(start: Date | string = new Date()) {
    super();
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date | string): void {
    this.current = new Date(instant).getTime();
  }

  advanceDays(days: number): void {
    this.current += days * 86_400_000;
  }
}

/**
 * The system clock shifted by whole days: a rehearsal or an end-to-end test can run a service "16 days later" to see
 * statutory periods end. Never set in production (the configuration refuses it there).
 */
export class OffsetClock extends Clock {
  constructor(private readonly offsetDays: number) {
    super();
  }

  now(): Date {
    return new Date(Date.now() + this.offsetDays * 86_400_000);
  }
}
