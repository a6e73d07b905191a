import { type Activity, type Attachment, type TurnContext } from 'botbuilder';
import type { ShowPasscodeInput, ShowPasscodeResult } from '../domain/show-passcode/show-passcode-service';
import type { Logger } from '../ports/logger';
import type { PrivateDelivery } from '../adapters/teams/private-delivery';
import { passcodeSummary, revealedPasscodeCard } from '../cards/approvals/helpdesk-cards';
import { ownerText } from '../cards/device-text';
import { noPersonText } from '../cards/people-text';
import { showPasscodeTexts } from '../cards/show-passcode/show-passcode-text';
import { pickLocale, t, type Locale } from '../i18n';
import type { PersonPickOffers } from '../bot/person-pick/person-pick-offers';
import type { CommandSession } from '../bot/approvals/command-session';
import { replyPrivately } from '../bot/private-reply';
import { actorOf } from '../bot/reset-request';
import { errorFields, userFacingError } from '../bot/user-facing-error';
import { OneTurnDialog } from './one-turn-dialog';
import { personPickAnswer } from './person-pick-answer';

export const SHOW_PASSCODE_DIALOG = 'ShowPasscodeDialog';

/** The part of the show-passcode use case this dialog calls (ShowPasscodeService). */
export interface PasscodeViewer {
  show(input: ShowPasscodeInput): Promise<ShowPasscodeResult>;
}

export interface ShowPasscodeDialogDeps {
  showPasscode: PasscodeViewer;
  commandSession: CommandSession;
  /** What a pick card offers, kept for its Choose buttons. */
  offers: Pick<PersonPickOffers, 'offer'>;
  privateDelivery: PrivateDelivery;
  tenantId: string;
  logger: Logger;
}

/**
 * `show passcode for alice [because …]`: the passcode of Alice's newest reset, read again from
 * Intune, sent to the asking agent's 1:1 only (a channel is told it went there). The domain
 * decides who may see it (the performing agent, or another with a reason) and audits each view.
 */
export class ShowPasscodeDialog extends OneTurnDialog<'showPasscode'> {
  constructor(private readonly deps: ShowPasscodeDialogDeps) {
    super(SHOW_PASSCODE_DIALOG, ['showPasscode']);
  }

  protected async answer(context: TurnContext, command: { kind: 'showPasscode'; query: string; reason?: string }): Promise<void> {
    const activity = context.activity;
    const locale = pickLocale(activity.locale);
    const agent = actorOf(context, this.deps.tenantId);
    if (!agent) {
      await context.sendActivity(t(locale, 'bot.unknownUser'));
      return;
    }
    if (!(await this.deps.commandSession.ensure(context, command, locale))) return;
    const log = this.deps.logger.child({ correlationId: activity.id, agentOid: agent.oid });
    try {
      const input: ShowPasscodeInput = { actor: agent, query: command.query };
      if (command.reason) input.reason = command.reason;
      const result = await this.deps.showPasscode.show(input);
      if (result.kind === 'chooseUser') {
        await context.sendActivity(await personPickAnswer(
          this.deps.offers,
          { feature: 'showPasscode', agent, query: result.query, candidates: result.candidates, ...(command.reason ? { reason: command.reason } : {}) },
          locale,
          log,
        ));
        return;
      }
      if (result.kind === 'noUser') {
        await context.sendActivity(noPersonText(result.query, locale));
        return;
      }
      if (result.kind === 'removed') {
        // No secret in it: safe to answer where it was asked.
        await context.sendActivity(showPasscodeTexts.removed(result.deviceName, result.startedAt, locale));
        return;
      }
      const { issued } = result;
      const texts = { sentPrivately: showPasscodeTexts.sentPrivately(issued.deviceName, locale), unreachable: showPasscodeTexts.unreachable(locale) };
      const delivered = await replyPrivately(context, this.deps.privateDelivery, this.deps.tenantId, shownPasscodeMessage(result, locale), texts);
      log.info('dialog.showPasscode.answered', { delivered, deviceId: issued.deviceId });
    } catch (error) {
      log.warn('dialog.showPasscode.failed', errorFields(error));
      await context.sendActivity(userFacingError(error, locale));
    }
  }

}

type ShownPasscode = Extract<ShowPasscodeResult, { kind: 'passcode' }>;

/** PRIVATE: the card with a passcode read again from Intune, in its body only. */
export function shownPasscodeCard(result: ShownPasscode, locale: Locale): Attachment {
  return revealedPasscodeCard(result.issued, ownerText(result.user, undefined, locale), locale);
}

/** PRIVATE: the message holding that card; its summary (notifications) names the device only. */
export function shownPasscodeMessage(result: ShownPasscode, locale: Locale): Partial<Activity> {
  return { type: 'message', summary: passcodeSummary(result.issued.deviceName, locale), attachments: [shownPasscodeCard(result, locale)] };
}
