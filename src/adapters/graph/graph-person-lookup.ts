import type { DelegatedPrincipal } from '../../ports/identity';
import type { Logger } from '../../ports/logger';
import type { PeopleFound, PersonLookup } from '../../ports/person-lookup';
import { batchBody, batchParts, type BatchPart } from './graph-batch';
import { exactAddressOf, exactUserFilter, limitOf, sortedUsers, userSearchQuery, type GraphDirectory } from './graph-directory';
import type { GraphHttp } from './graph-http';
import type { GraphIntuneGateway } from './graph-intune-gateway';
import { isRecord } from './graph-parsers';
import type { ReadBudget } from './intune-read-budget';

export interface GraphPersonLookupOptions {
  http: GraphHttp;
  directory: GraphDirectory;
  intune: GraphIntuneGateway;
  /** The process's Intune read window: the device list in the batch is an Intune read. */
  intuneReads?: ReadBudget;
  logger?: Logger;
}

const USER = 'user';
const DEVICES = 'devices';

/**
 * When the agent typed a sign-in name, one `$batch` asks for the user by exact UPN or mail and
 * for `/users/{upn}/managedDevices` together, so the usual reset needs a single lookup round trip.
 * The devices are used only if exactly one user was found and their UPN is what was typed (a mail
 * address that differs from the UPN gets a 404 there); any part that fails falls back to the
 * plain calls, which carry the client's retries and the usual error mapping. Names go straight to
 * the directory search.
 */
export class GraphPersonLookup implements PersonLookup {
  constructor(private readonly options: GraphPersonLookupOptions) {}

  async findPeople(query: string, as: DelegatedPrincipal, limit: number): Promise<PeopleFound> {
    const { directory } = this.options;
    const address = exactAddressOf(query);
    if (address === undefined) return { users: await directory.findUsers(query, as, limit) };

    const max = limitOf(limit);
    const devicesCall = this.options.intune.userDevicesCall(address);
    await this.options.intuneReads?.take();
    const answer = await this.options.http.send(
      {
        method: 'POST',
        version: devicesCall.version,
        path: '/$batch',
        body: batchBody([
          { id: USER, path: '/users', query: userSearchQuery(exactUserFilter(address), max) },
          { id: DEVICES, path: devicesCall.path, query: devicesCall.query },
        ]),
        // Both parts are reads: resending the whole batch is safe.
        retry: 'reads',
      },
      as,
    );
    const parts = batchParts(answer);
    const userPart = parts.get(USER);
    if (userPart?.status !== 200) {
      this.partFailed(USER, userPart);
      return { users: await directory.findUsers(query, as, limit) };
    }
    const users = sortedUsers(directory.usersFrom(userPart.body), max);
    if (users.length === 0) return { users: await directory.findByName(query, as, limit) };
    const only = users.length === 1 ? users[0] : undefined;
    if (!only || only.userPrincipalName.toLowerCase() !== address.toLowerCase()) return { users };

    const devicesPart = parts.get(DEVICES);
    const items = devicesPart?.status === 200 ? completeList(devicesPart.body) : undefined;
    if (!items) {
      this.partFailed(DEVICES, devicesPart);
      return { users };
    }
    return { users, devicesOfOnlyUser: this.options.intune.devicesFrom(items) };
  }

  private partFailed(part: string, answer: BatchPart | undefined): void {
    this.options.logger?.info('graph.batch.partNotUsed', { part, status: answer?.status ?? 0 });
  }
}

/** The items of a one-page list; undefined for anything else (a next page is left to the plain call). */
function completeList(body: unknown): unknown[] | undefined {
  if (!isRecord(body) || !Array.isArray(body['value']) || body['@odata.nextLink'] !== undefined) return undefined;
  return body['value'];
}
