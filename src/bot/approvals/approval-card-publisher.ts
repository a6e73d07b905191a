import { MessageFactory, type Activity } from 'botbuilder';
import type { ApprovalRequest } from '../../domain/approvals/approval-request';
import type { AppSettingsStore, ConversationDirectory } from '../../ports/app-settings-store';
import type { GroupMembership } from '../../ports/group-membership';
import type { Logger } from '../../ports/logger';
import { parseStoredReference, type StoredConversationReference } from '../../adapters/teams/conversation-reference';
import type { ProactiveMessenger } from '../../adapters/teams/proactive';
import { approvalCard } from '../../cards/approvals/helpdesk-cards';
import { pickLocale, type Locale } from '../../i18n';
import { errorFields } from '../user-facing-error';
import type { ApprovalCardRegistry, CardPlacement } from './approval-card-registry';

export interface ApprovalCardPublisherDeps {
  proactive: ProactiveMessenger;
  settings: AppSettingsStore;
  people: ConversationDirectory;
  /** Asked, for each member on the roster, right before their card is posted. */
  membership: GroupMembership;
  /** HELPDESK_GROUP_ID: whose members may decide requests. */
  helpdeskGroupId: string;
  registry: ApprovalCardRegistry;
  logger: Logger;
  now: () => Date;
  /** Most helpdesk 1:1 chats that get a card while no approval channel is set. */
  maxRecipients?: number;
}

/**
 * Puts a request's approval card where the helpdesk sees it — the approval channel, or (until an
 * admin chose one, or when the channel cannot be reached) the 1:1 chats of the helpdesk members
 * known to the bot — and keeps every copy up to date after each decision. The roster only says who
 * was a member when last seen: each is asked again right before their card goes out.
 */
export class ApprovalCardPublisher {
  constructor(private readonly deps: ApprovalCardPublisherDeps) {}

  /** Post the card of a new request; returns how many copies were posted. */
  async publish(request: ApprovalRequest): Promise<number> {
    const log = this.deps.logger.child({ requestId: request.id });
    const placements = (await this.postToChannel(request, log)) ?? (await this.postToMembers(request, log));
    await this.deps.registry.add(request.id, placements);
    log.info('approvals.cards.published', { copies: placements.length });
    return placements.length;
  }

  /**
   * Show every copy the request's current state. `except` is the copy whose click is being
   * answered with the new card already (Teams replaces that one itself).
   */
  async refresh(request: ApprovalRequest, except?: string): Promise<void> {
    const log = this.deps.logger.child({ requestId: request.id });
    let placements: CardPlacement[];
    try {
      placements = await this.deps.registry.list(request.id);
    } catch (error) {
      log.warn('approvals.cards.registryUnreadable', { errorName: error instanceof Error ? error.name : typeof error });
      return;
    }
    await Promise.all(
      placements
        .filter((placement) => placement.activityId !== except)
        .map(async (placement) => {
          const card = approvalCard(request, pickLocale(placement.locale), this.deps.now());
          try {
            await this.deps.proactive.continueIn(placement.conversation, async (context) => {
              await context.updateActivity({ ...MessageFactory.attachment(card), type: 'message', id: placement.activityId });
            });
          } catch (error) {
            log.warn('approvals.cards.updateFailed', { errorName: error instanceof Error ? error.name : typeof error });
          }
        }),
    );
  }

  /** The language of the copy held by message `activityId`, if it is one of the request's copies. */
  async localeOf(requestId: string, activityId: string | undefined): Promise<Locale | undefined> {
    if (!activityId) return undefined;
    try {
      const placement = (await this.deps.registry.list(requestId)).find((p) => p.activityId === activityId);
      return placement ? pickLocale(placement.locale) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Undefined when no channel is set or it cannot be reached (the 1:1 chats take over). */
  private async postToChannel(request: ApprovalRequest, log: Logger): Promise<CardPlacement[] | undefined> {
    const channel = await this.deps.settings.getApprovalChannel();
    const reference = channel ? parseStoredReference(channel.reference) : undefined;
    if (!reference) return undefined;
    const target = newPostIn(reference);
    const posted = await this.post(target, request, log);
    if (!posted) {
      log.warn('approvals.cards.channelUnreachable');
      return undefined;
    }
    return [posted];
  }

  private async postToMembers(request: ApprovalRequest, log: Logger): Promise<CardPlacement[]> {
    // The requester never gets their own request to decide.
    const members = (await this.deps.people.helpdeskMembers(this.deps.maxRecipients ?? 50)).filter((member) => member.oid !== request.requester.oid);
    const current = await Promise.all(members.map((member) => this.stillInHelpdesk(member, log)));
    const placements: CardPlacement[] = [];
    for (const [i, member] of members.entries()) {
      if (!current[i]) continue;
      const reference = parseStoredReference(member.reference);
      if (!reference) continue;
      const posted = await this.post(reference, request, log);
      if (posted) placements.push(posted);
    }
    return placements;
  }

  /**
   * Whether a roster member is in the helpdesk group now. Someone removed gets no card (the card
   * names the employee, the device and why) and leaves the roster; an answer Graph could not give
   * counts as no, since they may have left.
   */
  private async stillInHelpdesk(member: { oid: string; reference: unknown }, log: Logger): Promise<boolean> {
    let isMember: boolean;
    try {
      isMember = await this.deps.membership.isUserMemberOf(this.deps.helpdeskGroupId, member.oid);
    } catch (error) {
      log.warn('approvals.cards.membershipUnknown', { memberOid: member.oid, ...errorFields(error) });
      return false;
    }
    if (isMember) return true;
    log.info('approvals.cards.notInHelpdesk', { memberOid: member.oid });
    try {
      await this.deps.people.remember(member.oid, member.reference, false);
    } catch (error) {
      log.warn('approvals.cards.rosterNotUpdated', { memberOid: member.oid, ...errorFields(error) });
    }
    return false;
  }

  private async post(conversation: StoredConversationReference, request: ApprovalRequest, log: Logger): Promise<CardPlacement | undefined> {
    const locale = pickLocale(conversation.locale);
    const activity: Partial<Activity> = MessageFactory.attachment(approvalCard(request, locale, this.deps.now()));
    let activityId: string | undefined;
    try {
      await this.deps.proactive.continueIn(conversation, async (context) => {
        activityId = (await context.sendActivity(activity))?.id;
      });
    } catch (error) {
      log.warn('approvals.cards.postFailed', {
        conversationType: conversation.conversation.conversationType,
        errorName: error instanceof Error ? error.name : typeof error,
      });
      return undefined;
    }
    return activityId ? { conversation, activityId, locale } : undefined;
  }
}

/**
 * A new top-level post in a channel: the channel's own conversation id, without the thread
 * (`;messageid=…`) of the message in which the admin chose it.
 */
export function newPostIn(reference: StoredConversationReference): StoredConversationReference {
  const id = reference.conversation.id.replace(/;messageid=\d+$/i, '');
  const { activityId: _thread, ...rest } = reference;
  return { ...rest, conversation: { ...reference.conversation, id } };
}
