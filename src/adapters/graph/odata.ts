import { AppError } from '../../domain/errors';
/**
 * OData query building for user-supplied values. Two layers of escaping apply, in this order:
 * 1. OData: a string literal is wrapped in `'` and every `'` inside is doubled, so a value can
 *    never close the literal and continue as operators (`alice' or 1 eq 1` stays one string);
 * 2. URL: the Graph client copies query values into the URL verbatim, and fetch leaves `&`, `#`,
 *    `+` and `%` alone. Unencoded, `&` and `#` would cut the filter short, `+` would arrive as a
 *    space and `%41` would arrive as `A`. So every value is percent-encoded here (UTF-8 for
 *    unicode), including the characters encodeURIComponent leaves alone (`'`, `(`, `)`, `*`, `!`).
 */

/** Lone UTF-16 surrogates cannot be encoded as UTF-8 (encodeURIComponent throws on them). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Replace lone surrogates with U+FFFD so that any JavaScript string can be encoded. */
export function toWellFormed(value: string): string {
  return value.replace(LONE_SURROGATE, '\uFFFD');
}

/** Quote a value as an OData string literal: `O'Brien` → `'O''Brien'`. */
export function odataString(value: string): string {
  return `'${toWellFormed(value).replace(/'/g, "''")}'`;
}

/** Percent-encode one query value strictly (RFC 3986 unreserved characters only stay as they are). */
export function encodeQueryValue(value: string | number): string {
  return encodeURIComponent(toWellFormed(String(value))).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Query options such as `$filter`, `$select`, `$top`; undefined values are left out. */
export type QueryOptions = Record<string, string | number | undefined>;

/**
 * `?key=value&...` with every value encoded; keys are our own constants (`$filter`…) and stay as
 * they are. Empty string when there is nothing to add.
 */
export function buildQueryString(options: QueryOptions | undefined): string {
  if (!options) return '';
  const parts = Object.entries(options)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${encodeQueryValue(value)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/**
 * Encode one path segment (an id or a UPN) so it cannot add segments or a query. `.` and `..`
 * are refused: URL parsers resolve them (even percent-encoded) as "this" and "parent" segments.
 */
export function encodePathSegment(value: string): string {
  if (value === '.' || value === '..') throw new AppError('input.invalid', 'A dot segment is not an id.');
  return encodeQueryValue(value);
}

/** `startswith(property,'value')` with the value quoted. */
export function startsWith(property: string, value: string): string {
  return `startswith(${property},${odataString(value)})`;
}

/** `property eq 'value'` with the value quoted. */
export function equals(property: string, value: string): string {
  return `${property} eq ${odataString(value)}`;
}
