import { Agent, type Dispatcher } from 'undici';

/**
 * Connections kept open per origin (Microsoft Graph, Entra) for this process's outbound calls.
 * Node's built-in fetch opens another connection whenever all of its connections to an origin
 * are busy, without limit, and closes them after a few idle seconds: a burst of 100 conversations
 * meant a few hundred TLS handshakes, whose buffers leave the allocator fragmented long after.
 * With a bound, a request beyond it waits for a free connection (still under its own timeout).
 * A few dozen carry far more than Intune's write limit allows, so this is no setting.
 */
export const CONNECTIONS_PER_ORIGIN = 32;

/** A fetch `dispatcher` that keeps at most `connectionsPerOrigin` connections to each origin. */
export function createConnectionPool(connectionsPerOrigin: number = CONNECTIONS_PER_ORIGIN): Dispatcher {
  if (!Number.isInteger(connectionsPerOrigin) || connectionsPerOrigin < 1) {
    throw new Error('A connection pool needs at least one connection per origin.');
  }
  return new Agent({ connections: connectionsPerOrigin });
}

/**
 * The pool every Graph and Entra call of this process goes through unless given another; it opens
 * nothing until the first call. Only those calls use it: fetch elsewhere keeps Node's own pool.
 */
export const OUTBOUND_CONNECTIONS: Dispatcher = createConnectionPool();

/** `fetch` options that send the request through `dispatcher` (a field the DOM typings lack). */
export type PooledRequestInit = RequestInit & { dispatcher: Dispatcher };
