import { randomUUID } from 'node:crypto';
import {
  TestAdapter,
  TurnContext,
  type Activity,
  type ConversationParameters,
  type ConversationReference,
  type InvokeResponse,
  type ResourceResponse,
} from 'botbuilder';

/** One activity the bot sent, with the conversation it went to. */
export interface Recorded {
  conversationId: string;
  activity: Partial<Activity>;
}

/**
 * botbuilder's TestAdapter plus what the bot needs of a CloudAdapter in Teams: proactive turns
 * (continueConversationAsync) and new 1:1 chats (createConversationAsync). Everything the bot
 * sends, updates or creates is recorded per conversation.
 */
export class TeamsTestAdapter extends TestAdapter {
  readonly sent: Recorded[] = [];
  readonly updated: Recorded[] = [];
  readonly createdConversations: ConversationParameters[] = [];
  /** Teams account ids for whom the app is not installed: creating their 1:1 fails with 403. */
  readonly unreachable = new Set<string>();

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    for (const activity of activities) {
      this.sent.push({ conversationId: activity.conversation?.id ?? context.activity.conversation.id, activity });
    }
    return super.sendActivities(context, activities);
  }

  override async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> {
    this.updated.push({ conversationId: activity.conversation?.id ?? context.activity.conversation.id, activity });
    return super.updateActivity(context, activity);
  }

  override async continueConversationAsync(
    _botAppIdOrIdentity: unknown,
    reference: Partial<ConversationReference>,
    logicOrAudience: ((context: TurnContext) => Promise<void>) | string,
    maybeLogic?: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const logic = typeof logicOrAudience === 'function' ? logicOrAudience : maybeLogic;
    if (!logic) throw new TypeError('logic required');
    const activity: Partial<Activity> = {
      type: 'event',
      name: 'ContinueConversation',
      id: randomUUID(),
      channelId: reference.channelId,
      serviceUrl: reference.serviceUrl,
      conversation: reference.conversation,
      from: reference.user,
      recipient: reference.bot,
      locale: reference.locale,
      relatesTo: reference as ConversationReference,
    };
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  override async createConversationAsync(
    _botAppId: string,
    channelId: string,
    serviceUrl: string,
    _audience: string,
    parameters: ConversationParameters,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    this.createdConversations.push(parameters);
    const member = parameters.members?.[0]?.id ?? '';
    if (this.unreachable.has(member)) {
      throw Object.assign(new Error('Forbidden'), { statusCode: 403 });
    }
    const conversationId = `a:personal-${member}`;
    const activity: Partial<Activity> = {
      type: 'event',
      name: 'CreateConversation',
      id: conversationId,
      channelId,
      serviceUrl,
      conversation: { id: conversationId, isGroup: false, conversationType: '', name: '', tenantId: parameters.tenantId },
      recipient: parameters.bot,
      channelData: parameters.channelData,
    };
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  /** Run one invoke through the bot and return the invoke response it produced. */
  async invoke(activity: Partial<Activity>): Promise<InvokeResponse> {
    const before = this.sent.length;
    await this.processActivity(activity);
    const response = this.sent.slice(before).find((r) => r.activity.type === 'invokeResponse');
    if (!response) throw new Error('the bot sent no invoke response');
    return response.activity.value as InvokeResponse;
  }

  /** What the bot sent into one conversation (invoke responses excluded). */
  inConversation(conversationId: string): Partial<Activity>[] {
    return this.sent
      .filter((r) => r.conversationId === conversationId && r.activity.type !== 'invokeResponse')
      .map((r) => r.activity);
  }

  /** Sent and updated activities, excluding invoke responses. */
  everything(): Recorded[] {
    return [...this.sent.filter((r) => r.activity.type !== 'invokeResponse'), ...this.updated];
  }
}
