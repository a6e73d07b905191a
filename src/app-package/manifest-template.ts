/**
 * `appPackage/manifest.json` is a template: string values may hold `${{NAME}}` placeholders (the
 * convention of Microsoft's Teams tooling). Filling works on the parsed JSON, string by string, so
 * a value with quotes or backslashes can never break the document.
 */

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Apply `fn` to every string value (not keys) of a JSON document; returns a new document. */
function mapStrings(json: unknown, fn: (s: string) => string): unknown {
  if (typeof json === 'string') return fn(json);
  if (Array.isArray(json)) return json.map((item) => mapStrings(item, fn));
  if (typeof json === 'object' && json !== null) {
    return Object.fromEntries(Object.entries(json).map(([key, value]) => [key, mapStrings(value, fn)]));
  }
  return json;
}

/** Names of the placeholders in a JSON document, each once, in order of appearance. */
export function placeholdersIn(json: unknown): string[] {
  const names = new Set<string>();
  mapStrings(json, (s) => {
    for (const match of s.matchAll(PLACEHOLDER)) names.add(match[1] as string);
    return s;
  });
  return [...names];
}

export interface FilledTemplate {
  filled: unknown;
  /** Placeholders for which `values` had nothing (they stay in `filled` as written). */
  unfilled: string[];
}

/** Replace every `${{NAME}}` whose NAME is in `values`. One pass: values are never expanded again. */
export function fillPlaceholders(template: unknown, values: Readonly<Record<string, string>>): FilledTemplate {
  const unfilled = new Set<string>();
  const filled = mapStrings(template, (s) =>
    s.replace(PLACEHOLDER, (whole, name: string) => {
      const value = Object.hasOwn(values, name) ? values[name] : undefined;
      if (value === undefined) {
        unfilled.add(name);
        return whole;
      }
      return value;
    }),
  );
  return { filled, unfilled: [...unfilled] };
}
