import type { Directory } from '../../ports/directory';
import type { GroupMembership } from '../../ports/group-membership';
import type { AppTokenProvider, DelegatedTokenProvider } from '../../ports/identity';
import type { IntuneGateway } from '../../ports/intune-gateway';
import type { Logger } from '../../ports/logger';
import { createGraphClient } from './graph-client';
import { GraphDirectory } from './graph-directory';
import { MembershipCachingDirectory } from './membership-cache';
import { type GraphApiVersion, GraphHttp } from './graph-http';
import { GraphIntuneGateway } from './graph-intune-gateway';
import { GraphPersonLookup } from './graph-person-lookup';
import { BudgetedIntuneGateway, type ReadBudget } from './intune-read-budget';
import type { PersonLookup } from '../../ports/person-lookup';

export { createGraphClient, customHostsFor } from './graph-client';
export { GraphDirectory } from './graph-directory';
export { GraphHttp, type GraphApiVersion, type GraphCall } from './graph-http';
export { GraphIntuneGateway } from './graph-intune-gateway';
export { GraphPersonLookup } from './graph-person-lookup';
export { ReadBudget } from './intune-read-budget';
export { odataString, encodeQueryValue } from './odata';

export interface GraphAdapterSettings {
  /** Settings `graphEndpoint`, e.g. https://graph.microsoft.com or the simulator's URL. */
  graphEndpoint: string;
  tokens: DelegatedTokenProvider;
  /** App-only tokens for the bot's own device reads (an employee's device list). */
  appTokens?: AppTokenProvider;
  logger?: Logger;
  /** Intune calls' API version; default `beta` (deviceType/chassisType/joinType). */
  apiVersion?: GraphApiVersion;
  /** Per Graph request, including the client's own resends of reads. Default 30 000. */
  timeoutMs?: number;
  /** How long a group membership answer is reused; default 60 000, 0 asks Graph every time. */
  membershipCacheMs?: number;
  /** The process's Intune read window (see ReadBudget); without it reads are not paced. */
  intuneReads?: ReadBudget;
}

/** The Graph-backed ports, sharing one Graph client. Called by the composition root only. */
export function createGraphAdapters(settings: GraphAdapterSettings): {
  directory: Directory;
  membership: GroupMembership;
  intune: IntuneGateway;
  people: PersonLookup;
} {
  const logger = settings.logger?.child({ component: 'graph' });
  const http = new GraphHttp({
    client: createGraphClient(settings.graphEndpoint),
    tokens: settings.tokens,
    appTokens: settings.appTokens,
    graphEndpoint: settings.graphEndpoint,
    logger,
    timeoutMs: settings.timeoutMs,
  });
  const directory = new GraphDirectory({ http, logger });
  const intune = new GraphIntuneGateway({ http, apiVersion: settings.apiVersion, logger });
  const { intuneReads } = settings;
  return {
    directory: new MembershipCachingDirectory(directory, settings.membershipCacheMs),
    // Not cached: asked when a request card is about to go out, so a removal counts at once.
    membership: directory,
    intune: intuneReads ? new BudgetedIntuneGateway(intune, intuneReads) : intune,
    people: new GraphPersonLookup({ http, directory, intune, intuneReads, logger }),
  };
}
