import type { TurnContext } from 'botbuilder';
import { asAgent } from '../domain/authorization';
import type { AppSettingsStore } from '../ports/app-settings-store';
import type { Directory } from '../ports/directory';
import type { Logger } from '../ports/logger';
import { storedReferenceOf } from '../adapters/teams/conversation-reference';
import { helpdeskTexts } from '../cards/approvals/helpdesk-cards';
import { pickLocale, t } from '../i18n';
import type { CommandSession } from '../bot/approvals/command-session';
import { actorOf } from '../bot/reset-request';
import { errorFields, userFacingError } from '../bot/user-facing-error';
import { OneTurnDialog } from './one-turn-dialog';

export const APPROVAL_CHANNEL_DIALOG = 'ApprovalChannelDialog';

export interface ApprovalChannelDialogDeps {
  commandSession: CommandSession;
  directory: Directory;
  settings: AppSettingsStore;
  /** HELPDESK_ADMIN_GROUP_ID: only its members choose the channel; unset, nobody can from chat. */
  adminGroupId?: string;
  tenantId: string;
  logger: Logger;
  now: () => Date;
}

/**
 * "use this channel for approvals", said in a team channel by a member of the admin group: from
 * then on, employees' requests are posted there (instead of the helpdesk members' 1:1 chats).
 * Membership is checked through Graph with the admin's own token.
 */
export class ApprovalChannelDialog extends OneTurnDialog<'useThisChannel'> {
  constructor(private readonly deps: ApprovalChannelDialogDeps) {
    super(APPROVAL_CHANNEL_DIALOG, ['useThisChannel']);
  }

  protected async answer(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const locale = pickLocale(activity.locale);
    const admin = actorOf(context, this.deps.tenantId);
    if (!admin) {
      await context.sendActivity(t(locale, 'bot.unknownUser'));
      return;
    }
    if (activity.conversation?.conversationType !== 'channel') {
      await context.sendActivity(helpdeskTexts.channelOnlyInChannel(locale));
      return;
    }
    const { adminGroupId } = this.deps;
    if (!adminGroupId) {
      await context.sendActivity(helpdeskTexts.channelNoAdminGroup(locale));
      return;
    }
    if (!(await this.deps.commandSession.ensure(context, { kind: 'useThisChannel' }, locale))) return;

    const log = this.deps.logger.child({ correlationId: activity.id, adminOid: admin.oid });
    try {
      if (!(await this.deps.directory.isMemberOf(adminGroupId, asAgent(admin)))) {
        log.warn('approvals.channel.refused');
        await context.sendActivity(helpdeskTexts.channelNotAdmin(locale));
        return;
      }
      const reference = storedReferenceOf(activity);
      delete reference.activityId;
      await this.deps.settings.setApprovalChannel({
        reference,
        setBy: { oid: admin.oid, name: admin.name },
        setAt: this.deps.now().toISOString(),
      });
      log.info('approvals.channel.set', { conversationId: reference.conversation.id });
      await context.sendActivity(helpdeskTexts.channelSet(locale));
    } catch (error) {
      log.warn('approvals.channel.failed', errorFields(error));
      await context.sendActivity(userFacingError(error, locale));
    }
  }
}
