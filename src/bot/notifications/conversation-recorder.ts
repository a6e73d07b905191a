import type { ActivityHandler } from 'botbuilder';
import type { ConversationDirectory } from '../../ports/app-settings-store';
import type { DelegatedTokenProvider } from '../../ports/identity';
import type { Directory } from '../../ports/directory';
import type { Logger } from '../../ports/logger';
import { asAgent } from '../../domain/authorization';
import { isPersonalConversation, storedReferenceOf, type StoredConversationReference } from '../../adapters/teams/conversation-reference';
import type { BackgroundTasks } from '../background-tasks';
import { RecentRecords } from './recent-records';
import { dropOldest, putNewest } from '../../shared/recency-map';

export interface ConversationRecorderDeps {
  people: ConversationDirectory;
  /** Whether a delegated session exists: only then can membership be asked without anyone noticing. */
  tokens: Pick<DelegatedTokenProvider, 'hasSession'>;
  directory: Directory;
  helpdeskGroupId: string;
  logger: Logger;
  now?: () => Date;
  /** How long a membership answer is trusted before it is asked again (per instance). */
  membershipTtlMs?: number;
  /** How long a 1:1 this instance recorded is not written again while it stays the same; 15 minutes by default. */
  recordedTtlMs?: number;
  /** How many people's recorded 1:1s (and membership answers) this instance keeps in mind; 10,000 by default. */
  recordedLimit?: number;
}

/**
 * Remembers where each person's 1:1 chat with the bot is — when they install the app and on every
 * message they write there — so the bot can reach them later: employees for decisions, owners for
 * reset notices, helpdesk members for approval cards. Whether someone is a helpdesk member is
 * learnt from Graph with their own session, when they have one (never asked otherwise).
 *
 * A 1:1 rarely changes, and people write many messages: a turn whose 1:1 this instance recorded
 * lately, unchanged, with no membership answer due, writes nothing (no storage round trips on a
 * plain `help`). A changed 1:1 (another service URL, locale or name) is written at once. Each
 * instance still writes again at least every `recordedTtlMs` while the person is active, so even
 * a 1:1 that changed back and forth between two instances is stored as last seen within that time.
 */
export class ConversationRecorder {
  /** When Graph last answered about each person's membership, oldest first. */
  private readonly checkedAt = new Map<string, number>();
  private readonly recorded: RecentRecords;
  private readonly now: () => Date;
  private readonly limit: number;
  private readonly membershipTtlMs: number;

  constructor(private readonly deps: ConversationRecorderDeps) {
    this.now = deps.now ?? (() => new Date());
    this.limit = deps.recordedLimit ?? 10_000;
    this.membershipTtlMs = deps.membershipTtlMs ?? 60 * 60 * 1000;
    this.recorded = new RecentRecords(this.limit, deps.recordedTtlMs ?? 15 * 60 * 1000);
  }

  /** How many people's membership answers are held (each held for at most the membership TTL). */
  get membershipAnswers(): number {
    return this.checkedAt.size;
  }

  /**
   * Register on the bot: after every turn in a 1:1 chat (a message, the app's installation, a
   * card click, a sign-in), remember it in the background so nobody waits for storage or Graph.
   */
  attach(handler: ActivityHandler, background: BackgroundTasks): void {
    handler.onTurn(async (context, next) => {
      await next();
      const activity = context.activity;
      const oid = activity.from?.aadObjectId;
      if (!oid || !isPersonalConversation(activity.conversation)) return;
      const reference = storedReferenceOf(activity);
      delete reference.activityId;
      if (!this.membershipStale(oid) && this.recorded.has(oid, reference, this.now().getTime())) return;
      background.run('conversations.record', { correlationId: activity.id }, () => this.record(oid, reference));
    });
  }

  /** Remember a person's 1:1 (and, when their session allows asking, their membership). Never throws. */
  async record(oid: string, personalReference: StoredConversationReference): Promise<void> {
    if (!oid) return;
    try {
      const member = await this.membership(oid);
      // Nothing new to say: the 1:1 is known and there is no membership answer to add.
      if (member === undefined && this.recorded.has(oid, personalReference, this.now().getTime())) return;
      await this.deps.people.remember(oid, personalReference, member);
      this.recorded.add(oid, personalReference, this.now().getTime());
    } catch (error) {
      this.deps.logger.warn('bot.conversations.rememberFailed', { errorName: error instanceof Error ? error.name : typeof error });
    }
  }

  /** Whether the person's membership has no fresh answer (asking Graph also needs their session). */
  private membershipStale(oid: string): boolean {
    const last = this.checkedAt.get(oid);
    return last === undefined || this.now().getTime() - last >= this.membershipTtlMs;
  }

  /**
   * Note Graph's answer time. Re-inserted at the end, so the map stays in time order: answers past
   * the TTL (asked again anyway) and, beyond the limit, the oldest are let go from its front.
   */
  private noteChecked(oid: string, now: number): void {
    putNewest(this.checkedAt, oid, now);
    dropOldest(this.checkedAt, this.limit, (at) => now - at >= this.membershipTtlMs);
  }

  /** Undefined keeps what was known: no session, a fresh answer already stored, or Graph failed. */
  private async membership(oid: string): Promise<boolean | undefined> {
    if (!this.membershipStale(oid) || !(await this.deps.tokens.hasSession(oid))) return undefined;
    const now = this.now().getTime();
    try {
      const member = await this.deps.directory.isMemberOf(this.deps.helpdeskGroupId, asAgent({ oid }));
      this.noteChecked(oid, now);
      return member;
    } catch (error) {
      this.deps.logger.info('bot.conversations.membershipUnknown', { errorName: error instanceof Error ? error.name : typeof error });
      return undefined;
    }
  }
}
