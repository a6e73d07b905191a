import type { DirectoryUser, ManagedDevice } from '../domain/model';
import type { DelegatedPrincipal } from './identity';

/** What a lookup found: the people, and maybe the one person's devices already. */
export interface PeopleFound {
  /** As Directory.findUsers answers: at most `limit`, sorted by displayName. */
  users: DirectoryUser[];
  /**
   * All Intune devices of `users[0]`, present only when exactly one user was found and their
   * devices came back in the same round trip. Absent means "not fetched", never "has none".
   */
  devicesOfOnlyUser?: ManagedDevice[];
}

/**
 * The person an agent names and, when that can be had in the same Graph round trip, their
 * devices: a reset named by sign-in name (`alice@contoso.com`) then needs one lookup instead of
 * two. Errors are those of Directory.findUsers.
 */
export interface PersonLookup {
  findPeople(query: string, as: DelegatedPrincipal, limit: number): Promise<PeopleFound>;
}
