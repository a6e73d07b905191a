import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The fault test's result table (fault × call → outcome): filled while the cases run, printed in
 * the test output and written to `test-output/fault-table.md`, passed or not.
 */

/** One case: a fault on one call, and how it ended for the user. */
export interface FaultOutcome {
  /** The call that failed, e.g. "user lookup `GET /users`". */
  call: string;
  /** The fault, e.g. "429, Retry-After 1 (seconds)". */
  fault: string;
  /** What the user was told (the first sentence), or what happened instead. */
  told: string;
  /** How the flow was finished once the fault had cleared. */
  finished: string;
  /** resetPasscode POSTs sent and resets Intune executed, per confirmation, e.g. "1 POST, 1 reset / 1 confirmation". */
  resets: string;
  /** A few words for the matrix view (e.g. "told: busy"); `told` when empty. */
  short?: string;
  /** False when an expectation failed; the reason is in `told` or `finished`. */
  ok: boolean;
}

export const FAULT_TABLE_PATH = path.resolve(__dirname, '../../test-output/fault-table.md');

export class FaultTable {
  private readonly rows: FaultOutcome[] = [];

  add(row: FaultOutcome): void {
    this.rows.push(row);
  }

  get size(): number {
    return this.rows.length;
  }

  /**
   * Markdown: a matrix (fault × call, a few words per cell) for the Graph and token faults that
   * every call had, then every case in full, grouped by call in the order first recorded.
   */
  render(title: string, matrixFaults: readonly string[] = []): string {
    const calls = [...new Set(this.rows.map((row) => row.call))];
    const ordered = calls.flatMap((call) => this.rows.filter((row) => row.call === call));
    const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
    const failed = this.rows.filter((row) => !row.ok).length;
    const matrixCalls = calls.filter((call) => matrixFaults.every((fault) => this.rows.some((row) => row.call === call && row.fault === fault)));
    const matrix =
      matrixFaults.length && matrixCalls.length
        ? [
            `| fault \\ call | ${matrixCalls.map(cell).join(' | ')} |`,
            `| --- |${matrixCalls.map(() => ' --- |').join('')}`,
            ...matrixFaults.map((fault) => {
              const cells = matrixCalls.map((call) => {
                const row = this.rows.find((r) => r.call === call && r.fault === fault)!;
                return `${row.ok ? '' : '**NO** '}${cell(row.short || row.told)}`;
              });
              return `| ${cell(fault)} | ${cells.join(' | ')} |`;
            }),
            '',
          ]
        : [];
    return [
      `## ${title}`,
      '',
      `${this.rows.length} cases, ${failed} not as expected. In every case the user saw no stack trace or raw error.`,
      '',
      ...matrix,
      '| call | fault | the user was told | after the fault cleared | resetPasscode | ok |',
      '| --- | --- | --- | --- | --- | --- |',
      ...ordered.map((row) => `| ${[row.call, row.fault, row.told, row.finished, row.resets].map(cell).join(' | ')} | ${row.ok ? 'yes' : '**NO**'} |`),
      '',
    ].join('\n');
  }

  /** Print the table and write it to test-output/fault-table.md. */
  publish(title: string, matrixFaults: readonly string[] = []): void {
    const markdown = this.render(title, matrixFaults);
    mkdirSync(path.dirname(FAULT_TABLE_PATH), { recursive: true });
    writeFileSync(FAULT_TABLE_PATH, `${markdown}\nWritten by test/integration/faults.test.ts on ${new Date().toISOString()}.\n`);
    process.stdout.write(`\n${markdown}\n(also in ${path.relative(process.cwd(), FAULT_TABLE_PATH)})\n`);
  }
}

/** The first sentence (or line) of a message, for a table cell. */
export function firstSentence(text: string, max = 140): string {
  const line = text.split('\n').map((part) => part.trim()).find((part) => part !== '') ?? '';
  // Japanese ends a sentence with 。 and no space after it.
  const sentence = /^(.+?(?:[.!?](?=\s|$)|。))/u.exec(line)?.[1] ?? line;
  return sentence.length > max ? `${sentence.slice(0, max - 1)}…` : sentence;
}
