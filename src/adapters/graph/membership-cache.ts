import type { DirectoryUser } from '../../domain/model';
import type { Directory } from '../../ports/directory';
import type { DelegatedPrincipal } from '../../ports/identity';

/**
 * Remembers group membership answers for a short while, per user and group. One reset asks
 * "is this agent in the helpdesk group?" at several steps (start, confirm, the 1:1 recorder);
 * each answer is a Graph round trip, and the answer rarely changes within minutes. The cache is
 * per process and only saves calls: another instance simply asks Graph itself. A removal from
 * the group takes effect within `ttlMs` at most, which is why the default is short.
 */
export class MembershipCachingDirectory implements Directory {
  private readonly answers = new Map<string, { member: boolean; until: number }>();
  /** Questions on their way to Graph: a second asker at the same moment shares the answer. */
  private readonly asking = new Map<string, Promise<boolean>>();

  constructor(
    private readonly inner: Directory,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = () => Date.now(),
    /** Bound on remembered answers, so a flood of distinct users cannot grow memory. */
    private readonly maxEntries = 5_000,
  ) {}

  findUsers(query: string, as: DelegatedPrincipal, limit?: number): Promise<DirectoryUser[]> {
    return this.inner.findUsers(query, as, limit);
  }

  async isMemberOf(groupId: string, as: DelegatedPrincipal): Promise<boolean> {
    const key = `${as.oid}|${groupId}`;
    const cached = this.answers.get(key);
    if (cached && cached.until > this.now()) return cached.member;
    const inFlight = this.asking.get(key);
    if (inFlight) return inFlight;
    const question = this.ask(key, groupId, as);
    this.asking.set(key, question);
    try {
      return await question;
    } finally {
      this.asking.delete(key);
    }
  }

  private async ask(key: string, groupId: string, as: DelegatedPrincipal): Promise<boolean> {
    const member = await this.inner.isMemberOf(groupId, as);
    if (this.answers.size >= this.maxEntries) this.answers.clear();
    this.answers.set(key, { member, until: this.now() + this.ttlMs });
    return member;
  }
}
