import type { DirectoryUser } from '../../src/domain/model';
import { AppError } from '../../src/domain/errors';
import type { Directory } from '../../src/ports/directory';
import type { DelegatedPrincipal } from '../../src/ports/identity';

export interface FakeDirectoryOptions {
  users?: DirectoryUser[];
  /** groupId -> member oids */
  groups?: Record<string, string[]>;
}

/**
 * An in-memory directory with the port's matching rules: an exact UPN or mail match wins,
 * otherwise display name, given name or surname starting with the query (case-insensitive).
 * Records calls; `failNext` makes the next call throw.
 */
export class FakeDirectory implements Directory {
  readonly users: DirectoryUser[];
  private readonly groups = new Map<string, Set<string>>();
  readonly findUsersCalls: Array<{ query: string; asOid: string; limit?: number }> = [];
  readonly isMemberOfCalls: Array<{ groupId: string; asOid: string }> = [];
  readonly isUserMemberOfCalls: Array<{ groupId: string; userOid: string }> = [];
  /** People whose membership the app-only question cannot read (it throws graph.unavailable). */
  readonly unreadableMembership = new Set<string>();
  /** Thrown (once) by the next call. */
  failNext: Error | undefined;

  constructor(options: FakeDirectoryOptions = {}) {
    this.users = [...(options.users ?? [])];
    for (const [groupId, oids] of Object.entries(options.groups ?? {})) this.groups.set(groupId, new Set(oids));
  }

  addUser(user: DirectoryUser): void {
    this.users.push(user);
  }

  addMember(groupId: string, oid: string): void {
    const members = this.groups.get(groupId) ?? new Set<string>();
    members.add(oid);
    this.groups.set(groupId, members);
  }

  removeMember(groupId: string, oid: string): void {
    this.groups.get(groupId)?.delete(oid);
  }

  async findUsers(query: string, as: DelegatedPrincipal, limit = 10): Promise<DirectoryUser[]> {
    this.findUsersCalls.push({ query, asOid: as.oid, limit });
    this.throwIfScripted();
    const q = query.trim().toLowerCase();
    const exact = this.users.filter(
      (user) => user.userPrincipalName.toLowerCase() === q || user.mail?.toLowerCase() === q,
    );
    const found =
      exact.length > 0
        ? exact
        : this.users.filter((user) =>
            [user.displayName, user.givenName, user.surname].some((name) => name?.toLowerCase().startsWith(q)),
          );
    return [...found].sort((a, b) => a.displayName.localeCompare(b.displayName)).slice(0, limit);
  }

  async isMemberOf(groupId: string, as: DelegatedPrincipal): Promise<boolean> {
    this.isMemberOfCalls.push({ groupId, asOid: as.oid });
    this.throwIfScripted();
    return this.groups.get(groupId)?.has(as.oid) ?? false;
  }

  /** The bot's own (app-only) question whether a person is in a group; records calls. */
  async isUserMemberOf(groupId: string, userOid: string): Promise<boolean> {
    this.isUserMemberOfCalls.push({ groupId, userOid });
    if (this.unreadableMembership.has(userOid)) throw new AppError('graph.unavailable', 'Graph did not answer.');
    return this.groups.get(groupId)?.has(userOid) ?? false;
  }

  private throwIfScripted(): void {
    const error = this.failNext;
    if (error) {
      this.failNext = undefined;
      throw error;
    }
  }
}
