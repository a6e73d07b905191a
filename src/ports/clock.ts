/** Time, injectable so expiry and back-off can be tested without waiting. */
export interface Clock {
  now(): Date;
  sleep(ms: number): Promise<void>;
}
