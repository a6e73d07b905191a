import type { Activity } from 'botbuilder';
import type { StoredConversationReference } from '../adapters/teams/conversation-reference';
import type { ProactiveMessenger } from '../adapters/teams/proactive';
import type { Logger } from '../ports/logger';

/**
 * Replaces one posted card, in order, from outside its turn. Progress updates are best effort
 * (a lost one is replaced by the next); the final one falls back to a new message when the card
 * cannot be updated in place.
 */
export class CardUpdater {
  private chain: Promise<void> = Promise.resolve();
  /** Only the newest progress matters: older queued ones are skipped. */
  private latestProgress = 0;

  constructor(
    private readonly proactive: ProactiveMessenger,
    private readonly conversation: StoredConversationReference,
    /** The id of the message holding the card (`replyToId` of the click); unknown in some clients. */
    private readonly activityId: string | undefined,
    private readonly logger: Logger,
  ) {}

  /** Queue a progress update; never throws. */
  progress(activity: Partial<Activity>): void {
    if (!this.activityId) return;
    const ticket = ++this.latestProgress;
    this.chain = this.chain.then(async () => {
      if (ticket !== this.latestProgress) return;
      try {
        await this.replace(activity);
      } catch (error) {
        this.logger.warn('bot.card.progressUpdateFailed', { errorName: error instanceof Error ? error.name : typeof error });
      }
    });
  }

  /** The last word on the card, after any queued progress. */
  async final(activity: Partial<Activity>): Promise<void> {
    this.latestProgress++;
    await this.chain;
    if (this.activityId) {
      try {
        await this.replace(activity);
        return;
      } catch (error) {
        this.logger.warn('bot.card.finalUpdateFailed', { errorName: error instanceof Error ? error.name : typeof error });
      }
    }
    await this.proactive.continueIn(this.conversation, async (context) => {
      await context.sendActivity(activity);
    });
  }

  private async replace(activity: Partial<Activity>): Promise<void> {
    const id = this.activityId;
    await this.proactive.continueIn(this.conversation, async (context) => {
      await context.updateActivity({ ...activity, type: 'message', id });
    });
  }
}
