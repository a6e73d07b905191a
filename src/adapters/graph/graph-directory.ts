import { AppError } from '../../domain/errors';
import type { DirectoryUser } from '../../domain/model';
import type { Directory } from '../../ports/directory';
import type { GroupMembership } from '../../ports/group-membership';
import type { DelegatedPrincipal } from '../../ports/identity';
import type { Logger } from '../../ports/logger';
import type { GraphHttp } from './graph-http';
import { parseDirectoryUser, isRecord } from './graph-parsers';
import { encodePathSegment, equals, startsWith, type QueryOptions } from './odata';

const USER_SELECT = 'id,displayName,userPrincipalName,mail,department,givenName,surname';

/** Longer input is not a name anyone typed on purpose; it matches no one. */
const MAX_QUERY_LENGTH = 256;

/** Something that can only be a UPN or an address: `local@domain`, no spaces. */
const MAIL_LIKE = /^[^\s@]+@[^\s@]+$/;

/** Control characters never occur in names and Graph refuses some of them outright. */
const CONTROL_CHARACTERS = /\p{Cc}/gu;

/** Whitespace-separated words of what the agent typed, control characters removed. */
export function queryWords(query: string): string[] {
  return query.replace(CONTROL_CHARACTERS, ' ').trim().split(/\s+/u).filter(Boolean);
}

/** `userPrincipalName eq '…' or mail eq '…'`: the exact match that wins over name matches. */
export function exactUserFilter(address: string): string {
  return `${equals('userPrincipalName', address)} or ${equals('mail', address)}`;
}

/**
 * Name match for the words typed:
 * - one word (`alice`, `O'Brien`, `山田`): displayName, givenName or surname starts with it;
 * - several (`alice smith`, `山田 太郎`): displayName starts with the whole phrase, or the given name
 *   starts with the leading words and the surname with the last one, or (family name first, as in
 *   Japanese) the surname starts with the first word and the given name with the rest.
 */
export function nameFilter(words: readonly string[]): string {
  const phrase = words.join(' ');
  if (words.length <= 1) {
    return [startsWith('displayName', phrase), startsWith('givenName', phrase), startsWith('surname', phrase)].join(' or ');
  }
  const first = words[0] ?? '';
  const last = words[words.length - 1] ?? '';
  const allButLast = words.slice(0, -1).join(' ');
  const allButFirst = words.slice(1).join(' ');
  return [
    startsWith('displayName', phrase),
    `(${startsWith('givenName', allButLast)} and ${startsWith('surname', last)})`,
    `(${startsWith('surname', first)} and ${startsWith('givenName', allButFirst)})`,
  ].join(' or ');
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export interface GraphDirectoryOptions {
  http: GraphHttp;
  logger?: Logger;
  /**
   * How many candidates one search asks Graph for before sorting by displayName and cutting to
   * the limit (sorting on the server would need Graph's advanced queries). Default 50.
   */
  candidates?: number;
}

/**
 * The directory through Microsoft Graph v1.0, as the signed-in agent; and whether someone is in
 * a group, as the bot itself.
 */
export class GraphDirectory implements Directory, GroupMembership {
  private readonly candidates: number;

  constructor(private readonly options: GraphDirectoryOptions) {
    this.candidates = options.candidates ?? 50;
  }

  async findUsers(query: string, as: DelegatedPrincipal, limit = 10): Promise<DirectoryUser[]> {
    const address = exactAddressOf(query);
    if (address !== undefined) {
      const exact = await this.search(exactUserFilter(address), limitOf(limit), as);
      if (exact.length) return sortedUsers(exact, limitOf(limit));
    }
    return this.findByName(query, as, limit);
  }

  /** The name match of findUsers alone (after an exact match found no one). */
  async findByName(query: string, as: DelegatedPrincipal, limit = 10): Promise<DirectoryUser[]> {
    const words = queryWords(query);
    const phrase = words.join(' ');
    if (!phrase || phrase.length > MAX_QUERY_LENGTH) return [];
    const max = limitOf(limit);
    const byName = await this.search(nameFilter(words), Math.max(this.candidates, max), as);
    return sortedUsers(byName, max);
  }

  /** Users out of a `/users` answer; malformed entries are skipped (and counted in the log). */
  usersFrom(answer: unknown): DirectoryUser[] {
    if (!isRecord(answer) || !Array.isArray(answer['value'])) {
      throw new AppError('graph.unexpected', 'Microsoft Graph answered /users without a value array.');
    }
    const users = answer['value'].map(parseDirectoryUser).filter((u): u is DirectoryUser => u !== undefined);
    const skipped = answer['value'].length - users.length;
    if (skipped) this.options.logger?.warn('graph.users.skipped', { skipped });
    return users;
  }

  async isMemberOf(groupId: string, as: DelegatedPrincipal): Promise<boolean> {
    // checkMemberGroups is a read despite being a POST: the client may resend it.
    const answer = await this.options.http.send(
      { method: 'POST', version: 'v1.0', path: '/me/checkMemberGroups', body: { groupIds: [groupId] }, retry: 'reads' },
      as,
    );
    return includesGroup(answer, groupId);
  }

  async isUserMemberOf(groupId: string, userOid: string): Promise<boolean> {
    const answer = await this.options.http.send(
      { method: 'POST', version: 'v1.0', path: `/users/${encodePathSegment(userOid)}/checkMemberGroups`, body: { groupIds: [groupId] }, retry: 'reads' },
      { kind: 'app' },
    );
    return includesGroup(answer, groupId);
  }

  private async search(filter: string, top: number, as: DelegatedPrincipal): Promise<DirectoryUser[]> {
    const answer = await this.options.http.send(
      { method: 'GET', version: 'v1.0', path: '/users', query: userSearchQuery(filter, top), retry: 'reads' },
      as,
    );
    return this.usersFrom(answer);
  }
}

/** The query of a `/users` search. */
export function userSearchQuery(filter: string, top: number): QueryOptions {
  return { $filter: filter, $select: USER_SELECT, $top: top };
}

/** The address when what was typed can only be a UPN or mail address, else undefined. */
export function exactAddressOf(query: string): string | undefined {
  const words = queryWords(query);
  const phrase = words[0] ?? '';
  return words.length === 1 && phrase.length <= MAX_QUERY_LENGTH && MAIL_LIKE.test(phrase) ? phrase : undefined;
}

/** Between 1 and 100 results, whatever the caller asked for. */
export function limitOf(limit: number): number {
  return Math.min(Math.max(Math.trunc(limit), 1), 100);
}

/** Unique by id, sorted by displayName (then UPN), at most `max`. */
export function sortedUsers(users: readonly DirectoryUser[], max: number): DirectoryUser[] {
  const unique = [...new Map(users.map((u) => [u.id, u])).values()];
  return unique
    .sort((a, b) => collator.compare(a.displayName, b.displayName) || collator.compare(a.userPrincipalName, b.userPrincipalName))
    .slice(0, max);
}

/** Whether a checkMemberGroups answer names the group. */
function includesGroup(answer: unknown, groupId: string): boolean {
  if (!isRecord(answer) || !Array.isArray(answer['value'])) {
    throw new AppError('graph.unexpected', 'Microsoft Graph answered checkMemberGroups without a value array.');
  }
  const wanted = groupId.toLowerCase();
  return answer['value'].some((id) => typeof id === 'string' && id.toLowerCase() === wanted);
}
