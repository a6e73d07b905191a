/**
 * `$select`, `$top`, `$skiptoken` paging and `$orderby` as Graph applies them to collections.
 */

/** A query problem Graph answers with 400. */
export class QueryError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'QueryError';
  }
}

/** Graph accepts the system query options with or without the `$` prefix. */
export function queryOption(query: URLSearchParams, name: string): string | undefined {
  return query.get(`$${name}`) ?? query.get(name) ?? undefined;
}

/**
 * Resolve `$select` against the properties the entity type has (case-insensitively, answering
 * with the canonical names). An unknown name is a 400, as in Graph.
 */
export function parseSelect(raw: string | undefined, known: readonly string[], typeName: string): string[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  return raw.split(',').map((part) => {
    const name = part.trim();
    const canonical = known.find((k) => k.toLowerCase() === name.toLowerCase());
    if (!canonical) {
      throw new QueryError('BadRequest', `Could not find a property named '${name}' on type '${typeName}'.`);
    }
    return canonical;
  });
}

/** Copy only the given properties (absent ones are omitted, as Graph does). */
export function project(record: Readonly<Record<string, unknown>>, properties: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of properties) {
    if (p in record) out[p] = record[p];
  }
  return out;
}

export function parseTop(raw: string | undefined, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new QueryError('Request_UnsupportedQuery', `Invalid page size specified: '${raw}'. Must be between 1 and ${max} inclusive.`);
  }
  return n;
}

export interface OrderBy {
  property: string;
  descending: boolean;
}

export function parseOrderBy(raw: string | undefined, sortable: readonly string[]): OrderBy | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const [name = '', direction = 'asc', ...rest] = raw.trim().split(/\s+/);
  const property = sortable.find((s) => s.toLowerCase() === name.toLowerCase());
  const dir = direction.toLowerCase();
  if (!property || rest.length > 0 || (dir !== 'asc' && dir !== 'desc')) {
    throw new QueryError('Request_UnsupportedQuery', 'Sorting not supported for current query.');
  }
  return { property, descending: dir === 'desc' };
}

export function sortBy<T extends object>(items: T[], order: OrderBy): T[] {
  const key = (item: T): string => {
    const value = (item as Record<string, unknown>)[order.property];
    return typeof value === 'string' ? value : '';
  };
  const sorted = [...items].sort((a, b) => key(a).localeCompare(key(b), 'en', { sensitivity: 'base' }));
  return order.descending ? sorted.reverse() : sorted;
}

function encodeSkipToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodeSkipToken(token: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'o' in parsed && Number.isInteger(parsed.o)) return parsed.o as number;
  } catch {
    // fall through to the error below
  }
  throw new QueryError('BadRequest', 'The specified page token value has expired or is invalid.');
}

/**
 * One page of a collection, with `@odata.nextLink` when more remain. The link repeats the
 * request's query with a `$skiptoken`, so a client can follow it as-is.
 */
export function paginate<T>(
  items: readonly T[],
  query: URLSearchParams,
  pageSize: number,
  requestUrl: string,
): { value: T[]; nextLink?: string } {
  const token = queryOption(query, 'skiptoken');
  const offset = token === undefined ? 0 : decodeSkipToken(token);
  const value = items.slice(offset, offset + pageSize);
  if (offset + pageSize >= items.length) return { value };
  const next = new URLSearchParams(query);
  next.delete('skiptoken');
  next.set('$skiptoken', encodeSkipToken(offset + pageSize));
  return { value, nextLink: `${requestUrl}?${next.toString()}` };
}
