import type { LogFields, Logger } from '../../ports/logger';

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Anything shaped like a JWT or a bearer header is cut out, whatever field it hides in. */
const SECRET_PATTERNS: RegExp[] = [/eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, /Bearer\s+[\w.~+/=-]+/gi];

export function redact(text: string): string {
  return SECRET_PATTERNS.reduce((out, pattern) => out.replace(pattern, '[redacted]'), text);
}

export interface ConsoleLoggerOptions {
  level?: Level;
  /** Where lines go; stdout by default. Tests pass a collector. */
  write?: (line: string) => void;
  fields?: LogFields;
}

/**
 * One JSON object per line, so a SIEM or App Service log stream can parse it. Callers must never
 * pass a passcode or token; `redact` is a second line of defence for tokens only.
 */
export class ConsoleLogger implements Logger {
  private readonly level: Level;
  private readonly write: (line: string) => void;
  private readonly fields: LogFields;

  constructor(options: ConsoleLoggerOptions = {}) {
    this.level = options.level ?? 'info';
    this.write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
    this.fields = options.fields ?? {};
  }

  debug(event: string, fields?: LogFields): void {
    this.log('debug', event, fields);
  }
  info(event: string, fields?: LogFields): void {
    this.log('info', event, fields);
  }
  warn(event: string, fields?: LogFields): void {
    this.log('warn', event, fields);
  }
  error(event: string, fields?: LogFields): void {
    this.log('error', event, fields);
  }

  child(fields: LogFields): Logger {
    return new ConsoleLogger({ level: this.level, write: this.write, fields: { ...this.fields, ...fields } });
  }

  private log(level: Level, event: string, fields?: LogFields): void {
    if (ORDER[level] < ORDER[this.level]) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...this.fields, ...fields });
    this.write(redact(line));
  }
}
