import { MessageFactory, type Activity, type Attachment, type TurnContext } from 'botbuilder';
import { AppError } from '../../domain/errors';
import type { Actor } from '../../domain/model';
import type { Logger } from '../../ports/logger';
import { isPersonalConversation } from '../../adapters/teams/conversation-reference';
import type { PrivateDelivery } from '../../adapters/teams/private-delivery';
import { historyCard } from '../../cards/history/history-card';
import { historyTexts } from '../../cards/history/history-text';
import { personPickTexts } from '../../cards/person-pick-card';
import { showPasscodeTexts } from '../../cards/show-passcode/show-passcode-text';
import { pickLocale, t, type Locale } from '../../i18n';
import type { HistoryReader } from '../../dialogs/history-dialog';
import { shownPasscodeCard, shownPasscodeMessage, type PasscodeViewer } from '../../dialogs/show-passcode-dialog';
import type { CardAnswer, ClickSession } from '../approvals/click-session';
import { cardResponse, messageResponse } from '../invoke-responses';
import type { FeatureCardActions } from '../passcode-desk-bot';
import { sendToAsker, type PrivateReplyTexts } from '../private-reply';
import { actorOf } from '../reset-request';
import { errorFields, userFacingError } from '../user-facing-error';
import type { PersonPickOffer, PersonPickOffers } from './person-pick-offers';
import { PICK_VERBS, parsePersonPick, type PersonPickClick } from './person-pick-payload';

export interface PersonPickActionsDeps {
  offers: Pick<PersonPickOffers, 'find' | 'withdraw'>;
  history: HistoryReader;
  showPasscode: PasscodeViewer;
  privateDelivery: PrivateDelivery;
  session: ClickSession;
  tenantId: string;
  logger: Logger;
}

/**
 * The Choose buttons of the pick cards of `history …` and `show passcode for …`. A click counts
 * only for a person on the list the clicking agent was offered, while the offer lasts; anything
 * else gets a short answer and shows nothing. The domain then searches the name again as the
 * agent, so a person who has left the directory cannot be chosen either.
 */
export class PersonPickActions implements FeatureCardActions {
  readonly verbs = Object.keys(PICK_VERBS);

  constructor(private readonly deps: PersonPickActionsDeps) {}

  async handle(context: TurnContext): Promise<CardAnswer> {
    const activity = context.activity;
    const locale = pickLocale(activity.locale);
    const click = parsePersonPick(activity.value);
    if (!click) return messageResponse(userFacingError(new AppError('input.invalid', 'Malformed card action'), locale));
    const agent = actorOf(context, this.deps.tenantId);
    if (!agent) return messageResponse(t(locale, 'bot.unknownUser'));
    const texts = personPickTexts(click.feature, locale);
    const log = this.deps.logger.child({ correlationId: activity.id, offerId: click.offerId, feature: click.feature, agentOid: agent.oid });

    try {
      // Checked before any sign-in prompt: a refused click costs the clicker nothing.
      const offer = await this.deps.offers.find(click.offerId);
      if (!offer || offer.feature !== click.feature) return refused(texts.stale, 'stale', log);
      if (offer.agent.oid !== agent.oid) return refused(texts.notYours(offer.agent.name), 'notYours', log);
      if (!offer.candidateIds.includes(click.userId)) return refused(texts.notOffered, 'notOffered', log);

      const gate = await this.deps.session.ensure(agent.oid, click.authentication, locale, log);
      if (gate) return gate;
      const answer =
        offer.feature === 'history' ? await this.history(context, agent, offer, click, locale, log) : await this.passcode(context, agent, offer, click, locale, log);
      await this.withdraw(offer, log);
      log.info('pick.answered');
      return answer;
    } catch (error) {
      log.warn('pick.failed', errorFields(error));
      return messageResponse(userFacingError(error, locale));
    }
  }

  /** The chosen person's history, to the agent only (see privately). */
  private async history(context: TurnContext, agent: Actor, offer: PersonPickOffer, click: PersonPickClick, locale: Locale, log: Logger): Promise<CardAnswer> {
    const result = await this.deps.history.chooseUser(agent, offer.query, click.userId);
    const card = historyCard(result, locale);
    const texts = { sentPrivately: historyTexts.sentPrivately(locale), unreachable: historyTexts.unreachable(locale) };
    return this.privately(context, card, MessageFactory.attachment(card), texts, log);
  }

  /** The chosen person's passcode, to the agent only (see privately). */
  private async passcode(
    context: TurnContext,
    agent: Actor,
    offer: PersonPickOffer,
    click: PersonPickClick,
    locale: Locale,
    log: Logger,
  ): Promise<CardAnswer> {
    const input = { actor: agent, query: offer.query, userId: click.userId, ...(offer.reason !== undefined ? { reason: offer.reason } : {}) };
    const result = await this.deps.showPasscode.show(input);
    if (result.kind === 'removed') return messageResponse(showPasscodeTexts.removed(result.deviceName, result.startedAt, locale));
    // The offer named one person, so the domain answers with theirs or an error; anything else is a stale list.
    if (result.kind !== 'passcode') throw new AppError('input.invalid', 'That person was not offered for this name.');
    const texts = { sentPrivately: showPasscodeTexts.sentPrivately(result.issued.deviceName, locale), unreachable: showPasscodeTexts.unreachable(locale) };
    return this.privately(context, shownPasscodeCard(result, locale), shownPasscodeMessage(result, locale), texts, log.child({ deviceId: result.issued.deviceId }));
  }

  /**
   * In the agent's 1:1 the pick card becomes the answer (`card`); clicked anywhere else, the
   * answer (`message`) goes to the 1:1 and only the clicker is told so.
   */
  private async privately(context: TurnContext, card: Attachment, message: Partial<Activity>, texts: PrivateReplyTexts, log: Logger): Promise<CardAnswer> {
    if (isPersonalConversation(context.activity.conversation)) return cardResponse(card);
    const sent = await sendToAsker(context, this.deps.privateDelivery, this.deps.tenantId, message);
    log.info('pick.sentPrivately', { delivered: sent.delivered });
    return messageResponse(sent.delivered ? texts.sentPrivately : texts.unreachable);
  }

  /** Best effort: an offer left behind only lasts until it expires. */
  private async withdraw(offer: PersonPickOffer, log: Logger): Promise<void> {
    try {
      await this.deps.offers.withdraw(offer.id);
    } catch (error) {
      log.warn('pick.withdrawFailed', errorFields(error));
    }
  }
}

function refused(text: string, why: string, log: Logger): CardAnswer {
  log.info('pick.refused', { why });
  return messageResponse(text);
}
