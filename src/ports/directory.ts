import type { DirectoryUser } from '../domain/model';
import type { DelegatedPrincipal } from './identity';

/** The directory (Entra ID through Graph). Errors are AppError graph.* / auth.*. */
export interface Directory {
  /**
   * Users matching what an agent typed: an exact userPrincipalName or mail match wins; otherwise
   * displayName, givenName or surname starting with the words given. At most `limit` (default 10),
   * sorted by displayName. The query is user input: the adapter escapes it for OData.
   */
  findUsers(query: string, as: DelegatedPrincipal, limit?: number): Promise<DirectoryUser[]>;
  /** Whether the signed-in principal itself is a (transitive) member of the group. */
  isMemberOf(groupId: string, as: DelegatedPrincipal): Promise<boolean>;
}
