import type { BotAdapter, TurnContext } from 'botbuilder';
import { toConversationReference, type StoredConversationReference } from './conversation-reference';

/** Bot Framework's public channel audience, used when the turn did not name one. */
export const DEFAULT_CHANNEL_AUDIENCE = 'https://api.botframework.com';

/**
 * Proactive turns in a known conversation: after the incoming turn is over (a background reset)
 * or in another conversation than the current one (the origin of a pending sign-in).
 */
export class ProactiveMessenger {
  constructor(
    private readonly adapter: BotAdapter,
    /** MicrosoftAppId; '' locally, where the adapter runs unauthenticated. */
    private readonly appId: string,
  ) {}

  /** Run `logic` with a turn context addressed to the stored conversation. */
  continueIn(reference: StoredConversationReference, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    return this.adapter.continueConversationAsync(this.appId, toConversationReference(reference), logic);
  }
}

/** The audience the current turn authenticated with (CloudAdapter keeps it in the turn state). */
export function audienceOf(context: TurnContext): string {
  const scope: unknown = context.turnState.get(context.adapter.OAuthScopeKey);
  return typeof scope === 'string' && scope.length > 0 ? scope : DEFAULT_CHANNEL_AUDIENCE;
}
