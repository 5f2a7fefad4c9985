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
