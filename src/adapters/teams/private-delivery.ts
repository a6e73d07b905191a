import type { Activity, BotAdapter, ConversationParameters } from 'botbuilder';
import type { Logger } from '../../ports/logger';
import { isPersonalConversation, storedReferenceOf, type StoredConversationReference } from './conversation-reference';
import { DEFAULT_CHANNEL_AUDIENCE, ProactiveMessenger } from './proactive';

/** Whom to reach privately, and from which conversation the request came. */
export interface PrivateTarget {
  /** The conversation the request came from. */
  origin: StoredConversationReference;
  /** The agent's Teams account id (`from.id`, "29:..."), as seen in the origin. */
  agentAccountId: string;
  tenantId: string;
  /** The audience of the origin turn; Bot Framework's public one by default. */
  audience?: string;
}

export type PrivateSendResult =
  | { delivered: true; conversation: StoredConversationReference; activityId?: string }
  | { delivered: false };

/**
 * Sends an activity to the agent's 1:1 chat with the bot and nowhere else: a reply when the
 * origin already is that chat, otherwise the 1:1 is created (Teams returns the existing one when
 * there is one). When the agent cannot be reached (the app is not installed for them), nothing
 * is sent anywhere and the caller decides what the shared conversation is told.
 */
export class PrivateDelivery {
  private readonly proactive: ProactiveMessenger;

  constructor(
    private readonly adapter: BotAdapter,
    private readonly appId: string,
    private readonly logger: Logger,
  ) {
    this.proactive = new ProactiveMessenger(adapter, appId);
  }

  async send(target: PrivateTarget, activity: Partial<Activity>): Promise<PrivateSendResult> {
    try {
      return isPersonalConversation(target.origin.conversation)
        ? await this.replyInPersonalOrigin(target.origin, activity)
        : await this.sendInNewPersonalChat(target, activity);
    } catch (error) {
      // Typically 403 (bot not installed for the user) or 404; only the shape is logged.
      this.logger.warn('teams.privateDelivery.unreachable', {
        errorName: error instanceof Error ? error.name : typeof error,
        statusCode: statusCodeOf(error),
      });
      return { delivered: false };
    }
  }

  private async replyInPersonalOrigin(
    origin: StoredConversationReference,
    activity: Partial<Activity>,
  ): Promise<PrivateSendResult> {
    let result: PrivateSendResult = { delivered: false };
    await this.proactive.continueIn(origin, async (context) => {
      const response = await context.sendActivity(activity);
      result = { delivered: true, conversation: origin, activityId: response?.id };
    });
    return result;
  }

  private async sendInNewPersonalChat(target: PrivateTarget, activity: Partial<Activity>): Promise<PrivateSendResult> {
    const { origin, tenantId } = target;
    const parameters: ConversationParameters = {
      isGroup: false,
      bot: { id: origin.bot.id, name: origin.bot.name ?? '' },
      members: [{ id: target.agentAccountId, name: '' }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    };
    let result: PrivateSendResult = { delivered: false };
    await this.adapter.createConversationAsync(
      this.appId,
      origin.channelId,
      origin.serviceUrl,
      target.audience ?? DEFAULT_CHANNEL_AUDIENCE,
      parameters,
      async (context) => {
        const response = await context.sendActivity(activity);
        const conversation = storedReferenceOf(context.activity);
        conversation.conversation.conversationType = 'personal';
        delete conversation.activityId;
        result = { delivered: true, conversation, activityId: response?.id };
      },
    );
    return result;
  }
}

function statusCodeOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'statusCode' in error) {
    const code = (error as { statusCode: unknown }).statusCode;
    return typeof code === 'number' ? code : undefined;
  }
  return undefined;
}
