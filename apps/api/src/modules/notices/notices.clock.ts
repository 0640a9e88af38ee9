import { Injectable } from '@nestjs/common';

/** The time the reminders pass believes it is; tests pin it (no test ever waits for a real day to pass). */
@Injectable()
export class NoticesClock {
  private fixed: Date | null = null;

  now(): Date {
    return this.fixed ? new Date(this.fixed.getTime()) : new Date();
  }

  /** Pin the clock (null: real time again). */
  set(at: Date | null): void {
    this.fixed = at;
  }
}
