import type { ConversationDirectory } from '../../ports/app-settings-store';
import type { Logger } from '../../ports/logger';
import type { OwnerNotifier } from '../../ports/notifier';
import { parseStoredReference } from '../../adapters/teams/conversation-reference';
import type { ProactiveMessenger } from '../../adapters/teams/proactive';
import { helpdeskTexts } from '../../cards/approvals/helpdesk-cards';
import { pickLocale } from '../../i18n';
import type { PerformedOutcome } from '../../domain/eligibility/types';

/**
 * OwnerNotifier in Teams: "the passcode of <device> was reset by <agent>; if you did not expect
 * this, contact security", in the owner's 1:1 with the bot when it is known (they installed the
 * app or wrote to it). Best effort: a failure is logged, never thrown.
 */
export class TeamsOwnerNotifier implements OwnerNotifier {
  constructor(
    private readonly people: ConversationDirectory,
    private readonly proactive: ProactiveMessenger,
    private readonly logger: Logger,
  ) {}

  async resetNotice(
    owner: { oid: string; name: string },
    deviceName: string,
    agentName: string,
    locale?: string,
    outcome: PerformedOutcome = 'newPasscode',
  ): Promise<void> {
    const log = this.logger.child({ ownerOid: owner.oid });
    try {
      const reference = parseStoredReference(await this.people.find(owner.oid));
      if (!reference) {
        log.info('notify.owner.unreachable', { reason: 'noConversation' });
        return;
      }
      // The owner's own language when known (their 1:1), else the caller's.
      const language = pickLocale(reference.locale ?? locale);
      const text = helpdeskTexts.ownerNotice(deviceName, agentName, outcome, language);
      await this.proactive.continueIn(reference, async (context) => {
        await context.sendActivity(text);
      });
      log.info('notify.owner.sent');
    } catch (error) {
      log.warn('notify.owner.failed', { errorName: error instanceof Error ? error.name : typeof error });
    }
  }
}
