import type { ActivityHandler } from 'botbuilder';
import type { ConversationDirectory } from '../../ports/app-settings-store';
import type { DelegatedTokenProvider } from '../../ports/identity';
import type { Directory } from '../../ports/directory';
import type { Logger } from '../../ports/logger';
import { asAgent } from '../../domain/authorization';
import { isPersonalConversation, storedReferenceOf, type StoredConversationReference } from '../../adapters/teams/conversation-reference';
import type { BackgroundTasks } from '../background-tasks';

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
}

/**
 * Remembers where each person's 1:1 chat with the bot is — when they install the app and on every
 * message they write there — so the bot can reach them later: employees for decisions, owners for
 * reset notices, helpdesk members for approval cards. Whether someone is a helpdesk member is
 * learnt from Graph with their own session, when they have one (never asked otherwise).
 */
export class ConversationRecorder {
  private readonly checkedAt = new Map<string, number>();
  private readonly now: () => Date;

  constructor(private readonly deps: ConversationRecorderDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Register on the bot: after every turn in a 1:1 chat (a message, the app's installation, a
   * card click, a sign-in), remember it in the background so nobody waits for storage or Graph.
   */
  attach(handler: ActivityHandler, background: BackgroundTasks): void {
    handler.onTurn(async (context, next) => {
      await next();
      const activity = context.activity;
      if (!activity.from?.aadObjectId || !isPersonalConversation(activity.conversation)) return;
      const reference = storedReferenceOf(activity);
      delete reference.activityId;
      background.run('conversations.record', { correlationId: activity.id }, () => this.record(activity.from.aadObjectId ?? '', reference));
    });
  }

  /** Remember a person's 1:1 (and, when their session allows asking, their membership). Never throws. */
  async record(oid: string, personalReference: StoredConversationReference): Promise<void> {
    if (!oid) return;
    try {
      await this.deps.people.remember(oid, personalReference, await this.membership(oid));
    } catch (error) {
      this.deps.logger.warn('bot.conversations.rememberFailed', { errorName: error instanceof Error ? error.name : typeof error });
    }
  }

  /** Undefined keeps what was known: no session, a fresh answer already stored, or Graph failed. */
  private async membership(oid: string): Promise<boolean | undefined> {
    if (!this.deps.tokens.hasSession(oid)) return undefined;
    const last = this.checkedAt.get(oid);
    const now = this.now().getTime();
    if (last !== undefined && now - last < (this.deps.membershipTtlMs ?? 60 * 60 * 1000)) return undefined;
    try {
      const member = await this.deps.directory.isMemberOf(this.deps.helpdeskGroupId, asAgent({ oid }));
      this.checkedAt.set(oid, now);
      return member;
    } catch (error) {
      this.deps.logger.info('bot.conversations.membershipUnknown', { errorName: error instanceof Error ? error.name : typeof error });
      return undefined;
    }
  }
}
