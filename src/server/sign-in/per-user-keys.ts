import { dropOldest, putNewest } from '../../shared/recency-map';

/**
 * Which keys of a shared, bounded map each user holds, oldest first, so that one user is held to
 * a few entries: when they add one more, their own oldest goes, and nobody else's. Without it, one
 * person reloading a page could fill the map and push out everyone else's entries.
 */
export class PerUserKeys {
  private readonly byUser = new Map<string, string[]>();

  constructor(
    private readonly maxPerUser: number,
    /** Users remembered at most (the map's own bound); the least recently active go first. */
    private readonly maxUsers: number,
  ) {
    if (!Number.isInteger(maxPerUser) || maxPerUser < 1) throw new Error('maxPerUser must be a positive whole number.');
  }

  /** How many users are remembered (each with at least one key held, or among the most recent). */
  get users(): number {
    return this.byUser.size;
  }

  /**
   * Note `key` as the user's newest. Returns the user's keys beyond the cap, oldest first: the
   * caller removes them from its map. `isLive` tells which keys the map still holds (the others
   * were taken or expired, and no longer count).
   */
  add(user: string, key: string, isLive: (key: string) => boolean): string[] {
    const keys = (this.byUser.get(user) ?? []).filter(isLive);
    keys.push(key);
    const beyond = keys.splice(0, Math.max(0, keys.length - this.maxPerUser));
    // Users none of whose keys are held any more are let go first (before `key` is held itself).
    this.byUser.delete(user);
    dropOldest(this.byUser, this.maxUsers - 1, (held) => !held.some(isLive));
    putNewest(this.byUser, user, keys);
    return beyond;
  }
}
