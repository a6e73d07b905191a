import { Client, GraphClientError } from '@microsoft/microsoft-graph-client';
import type { Dispatcher } from 'undici';
import { OUTBOUND_CONNECTIONS, type PooledRequestInit } from '../outbound/connection-pool';

/** Hosts the Graph client already sends tokens to (its own list). */
const MICROSOFT_GRAPH_HOSTS = new Set([
  'graph.microsoft.com',
  'graph.microsoft.us',
  'dod-graph.microsoft.us',
  'graph.microsoft.de',
  'microsoftgraph.chinacloudapi.cn',
  'canary.graph.microsoft.com',
]);

/**
 * The `customHosts` the client needs for this endpoint. The client attaches the bearer token only
 * to Microsoft Graph hosts and to these; it compares host names without the port, so
 * `https://127.0.0.1:8443` needs `127.0.0.1`. Without this a configured GRAPH_ENDPOINT (or the
 * simulator) would receive every request unauthenticated.
 */
export function customHostsFor(graphEndpoint: string): Set<string> {
  const host = new URL(graphEndpoint).hostname.toLowerCase();
  return MICROSOFT_GRAPH_HOSTS.has(host) ? new Set() : new Set([host]);
}

/**
 * One Graph client for the whole process, shared by all agents.
 *
 * Why shared rather than one client per agent: the client itself holds no per-user state; each
 * request carries its own AuthenticationHandlerOptions with the token fetched for that request's
 * principal (see GraphHttp). So there is no client cache to size, evict or leak between users,
 * and a request that forgot its principal fails loudly: the default provider below refuses.
 * Requests go through `connections` (the process's bounded pool unless given).
 */
export function createGraphClient(graphEndpoint: string, connections: Dispatcher = OUTBOUND_CONNECTIONS): Client {
  const baseUrl = graphEndpoint.replace(/\/+$/, '');
  // The client copies these into every fetch call it makes, resends included.
  const fetchOptions: PooledRequestInit = { dispatcher: connections };
  return Client.initWithMiddleware({
    baseUrl,
    defaultVersion: 'v1.0',
    customHosts: customHostsFor(baseUrl),
    fetchOptions,
    authProvider: {
      getAccessToken: () =>
        Promise.reject(new GraphClientError('A Graph request was sent without a principal; use GraphHttp.')),
    },
  });
}
