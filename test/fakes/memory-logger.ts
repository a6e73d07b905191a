import type { LogFields, Logger } from '../../src/ports/logger';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogLine {
  level: LogLevel;
  event: string;
  fields: LogFields;
}

/** A Logger that keeps every line (children share the list), so tests can search them. */
export class MemoryLogger implements Logger {
  constructor(
    readonly lines: LogLine[] = [],
    private readonly base: LogFields = {},
  ) {}

  debug(event: string, fields?: LogFields): void {
    this.write('debug', event, fields);
  }
  info(event: string, fields?: LogFields): void {
    this.write('info', event, fields);
  }
  warn(event: string, fields?: LogFields): void {
    this.write('warn', event, fields);
  }
  error(event: string, fields?: LogFields): void {
    this.write('error', event, fields);
  }

  child(fields: LogFields): Logger {
    return new MemoryLogger(this.lines, { ...this.base, ...fields });
  }

  /** All lines as one text (JSON per line), for "the passcode is nowhere" checks. */
  text(): string {
    return this.lines.map((line) => JSON.stringify(line)).join('\n');
  }

  /** Whether any line's event or field contains `needle`. */
  contains(needle: string): boolean {
    return this.text().includes(needle);
  }

  events(): string[] {
    return this.lines.map((line) => line.event);
  }

  private write(level: LogLevel, event: string, fields: LogFields = {}): void {
    this.lines.push({ level, event, fields: { ...this.base, ...fields } });
  }
}

export function memoryLogger(): MemoryLogger {
  return new MemoryLogger();
}
