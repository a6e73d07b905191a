/**
 * Structured logging. Fields are plain data; a passcode or token must never be passed in.
 * The console adapter still redacts anything that looks like a JWT, as a second line of defence.
 */
export type LogFields = Record<string, string | number | boolean | undefined | null>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  /** A logger that adds these fields (e.g. a correlation id) to every line. */
  child(fields: LogFields): Logger;
}
