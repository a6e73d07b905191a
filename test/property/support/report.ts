import fc from 'fast-check';

/**
 * Runs a property like `fc.assert`, and prints how many cases it tried, one line per property,
 * so the test output says how much hostile input each guarantee survived.
 */
export async function checkProperty<Ts>(
  label: string,
  property: fc.IProperty<Ts> | fc.IAsyncProperty<Ts>,
  params: fc.Parameters<Ts> = {},
): Promise<number> {
  const details = await fc.check(property as fc.IRawProperty<Ts>, params);
  if (details.failed) {
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`${label}\n${fc.defaultReportMessage(details)}\nFailure: ${cause}`);
  }
  reportCases(label, details.numRuns);
  return details.numRuns;
}

/** One line in the test output: `      · label: N cases`. */
export function reportCases(label: string, cases: number): void {
  process.stdout.write(`      · ${label}: ${cases} cases\n`);
}
