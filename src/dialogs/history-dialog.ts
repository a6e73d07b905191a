import { MessageFactory, type TurnContext } from 'botbuilder';
import type { HistoryResult, PersonHistory } from '../domain/history/history-service';
import type { Actor } from '../domain/model';
import type { Logger } from '../ports/logger';
import type { PrivateDelivery } from '../adapters/teams/private-delivery';
import { historyCard } from '../cards/history/history-card';
import { historyTexts } from '../cards/history/history-text';
import { noPersonText } from '../cards/people-text';
import type { PersonPickOffers } from '../bot/person-pick/person-pick-offers';
import { pickLocale, t } from '../i18n';
import type { CommandSession } from '../bot/approvals/command-session';
import { replyPrivately } from '../bot/private-reply';
import { actorOf } from '../bot/reset-request';
import { errorFields, userFacingError } from '../bot/user-facing-error';
import { OneTurnDialog } from './one-turn-dialog';
import { personPickAnswer } from './person-pick-answer';

export const HISTORY_DIALOG = 'HistoryDialog';

/** The part of the history use case this dialog calls (HistoryService). */
export interface HistoryReader {
  history(actor: Actor, query?: string): Promise<HistoryResult>;
  /** The records of one of the people `history query` offered. */
  chooseUser(actor: Actor, query: string, userId: string): Promise<PersonHistory>;
}

export interface HistoryDialogDeps {
  history: HistoryReader;
  commandSession: CommandSession;
  /** What a pick card offers, kept for its Choose buttons. */
  offers: Pick<PersonPickOffers, 'offer'>;
  /** The agent's 1:1, where every answer that shows records or people goes. */
  privateDelivery: PrivateDelivery;
  tenantId: string;
  logger: Logger;
}

/**
 * `history` (the newest records across the tenant) and `history alice` (that person's last 20),
 * on a card. Helpdesk only: the domain checks membership with the agent's own token. Records name
 * people, reasons and identity checks: the card (and a list of people to choose from) goes to the
 * agent's 1:1 only; a channel or group chat is told where it went.
 */
export class HistoryDialog extends OneTurnDialog<'history'> {
  constructor(private readonly deps: HistoryDialogDeps) {
    super(HISTORY_DIALOG, ['history']);
  }

  protected async answer(context: TurnContext, command: { kind: 'history'; query?: string }): Promise<void> {
    const locale = pickLocale(context.activity.locale);
    const agent = actorOf(context, this.deps.tenantId);
    if (!agent) {
      await context.sendActivity(t(locale, 'bot.unknownUser'));
      return;
    }
    if (!(await this.deps.commandSession.ensure(context, command, locale))) return;
    const log = this.deps.logger.child({ correlationId: context.activity.id, agentOid: agent.oid });
    try {
      const result = await this.deps.history.history(agent, command.query);
      if (result.kind === 'noUser') {
        await context.sendActivity(noPersonText(result.query, locale));
        return;
      }
      const answer =
        result.kind === 'chooseUser'
          ? await personPickAnswer(this.deps.offers, { feature: 'history', agent, query: result.query, candidates: result.candidates }, locale, log)
          : MessageFactory.attachment(historyCard(result, locale));
      const texts = { sentPrivately: historyTexts.sentPrivately(locale), unreachable: historyTexts.unreachable(locale) };
      const delivered = await replyPrivately(context, this.deps.privateDelivery, this.deps.tenantId, answer, texts);
      log.info('dialog.history.shown', { kind: result.kind, delivered });
    } catch (error) {
      log.warn('dialog.history.failed', errorFields(error));
      await context.sendActivity(userFacingError(error, locale));
    }
  }

}
