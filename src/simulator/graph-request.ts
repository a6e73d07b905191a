import type { SimContext } from './context';
import type { Principal } from './graph-auth';
import type { GraphResult, RequestIds } from './graph-errors';

export type GraphVersion = 'v1.0' | 'beta';

/** One authenticated Graph request, top-level or inside a `$batch`. */
export interface GraphRequest {
  method: string;
  version: GraphVersion;
  /** Decoded path segments after the version. */
  segments: string[];
  query: URLSearchParams;
  /** Lower-cased header lookup. */
  header(name: string): string | undefined;
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown;
  principal: Principal;
  ids: RequestIds;
  /** Absolute URL without the query, for `@odata.nextLink`. */
  requestUrl: string;
}

export type GraphHandler = (ctx: SimContext, req: GraphRequest) => GraphResult;

/** `${url}/${version}/$metadata#${fragment}` */
export const odataContext = (ctx: SimContext, req: GraphRequest, fragment: string): string =>
  `${ctx.url}/${req.version}/$metadata#${fragment}`;
