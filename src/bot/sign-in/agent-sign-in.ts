import { MessageFactory, type TurnContext } from 'botbuilder';
import type { DelegatedTokenProvider, SilentSsoSource } from '../../ports/identity';
import type { Logger } from '../../ports/logger';
import type { PrivateDelivery } from '../../adapters/teams/private-delivery';
import { audienceOf } from '../../adapters/teams/proactive';
import { t } from '../../i18n';
import type { ResetRequest } from '../reset-request';
import { signInOAuthCard } from './oauth-card';
import type { PendingSignInStore } from './pending-sign-ins';
import type { PendingCommand } from './pending-command';
import { interactionChallenge, type InteractiveChallenge } from './interactive/interactive-challenge';
import { interactiveSignInCard } from './interactive/interactive-card';
import type { InteractiveSignIn } from './interactive/interactive-sign-in';

/** Who asks, where, and for what: the command waits in shared storage until the sign-in is done. */
export type SignInRequest = Omit<ResetRequest, 'query'> & { command: PendingCommand };

/** `ready`: the agent has a delegated session. `pending`: Teams was asked; the request waits. */
export type SessionCheck = 'ready' | 'pending';

/** Makes sure the agent's delegated token is available before a request runs. */
export interface SessionGate {
  /** Errors of a silent sign-in (consent, interaction required) propagate as AppError. */
  ensureSession(context: TurnContext, request: SignInRequest): Promise<SessionCheck>;
  /** A session without asking anyone: an existing one, or silent SSO (demo mode). */
  trySilentSession(oid: string): Promise<boolean>;
}

export interface AgentSignInDeps {
  tokens: DelegatedTokenProvider;
  silentSso: SilentSsoSource;
  pending: PendingSignInStore;
  privateDelivery: PrivateDelivery;
  tenantId: string;
  clientId: string;
  signInUrl?: string;
  /** The interactive sign-in page: per-agent links for the card's button, and the MFA fallback. */
  interactive?: InteractiveSignIn;
  logger: Logger;
  now?: () => Date;
}

/**
 * The agent's sign-in: an existing session, else a silent SSO token (demo), else an OAuthCard.
 * The OAuthCard's SSO only works in a 1:1 chat, so from a group chat or channel it is sent to
 * the agent's 1:1 and the shared conversation is told so.
 */
export class AgentSignIn implements SessionGate {
  private readonly now: () => Date;

  constructor(private readonly deps: AgentSignInDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async ensureSession(context: TurnContext, request: SignInRequest): Promise<SessionCheck> {
    try {
      if (await this.trySilentSession(request.agent.oid)) return 'ready';
    } catch (error) {
      // MFA or Conditional Access: no silent token will do; the sign-in page can, if served.
      const challenge = interactionChallenge(error);
      const link = challenge && this.pageLink(request, challenge);
      if (!challenge || !link) throw error;
      await this.askTeams(context, request, { challenge, link });
      return 'pending';
    }
    await this.askTeams(context, request);
    return 'pending';
  }

  async trySilentSession(oid: string): Promise<boolean> {
    if (await this.deps.tokens.hasSession(oid)) return true;
    const ssoToken = await this.deps.silentSso.tryGetSsoToken(oid);
    if (!ssoToken) return false;
    await this.deps.tokens.signIn(ssoToken, oid);
    this.deps.logger.info('bot.signIn.silent', { agentOid: oid });
    return true;
  }

  /** The agent's own link to the interactive sign-in page, when the page is served. */
  private pageLink(request: SignInRequest, challenge?: InteractiveChallenge): string | undefined {
    const { tenantId, interactive } = this.deps;
    return interactive?.linkFor({ tenantId, oid: request.agent.oid, locale: request.locale, claims: challenge?.claims });
  }

  /**
   * Store the request and ask for a sign-in: an SSO OAuthCard whose button leads to the sign-in
   * page, or, after an interaction_required, a card that only leads to the page.
   */
  private async askTeams(
    context: TurnContext,
    request: SignInRequest,
    interactive?: { challenge: InteractiveChallenge; link: string },
  ): Promise<void> {
    const { tenantId, clientId } = this.deps;
    const log = this.deps.logger.child({ correlationId: context.activity.id, agentOid: request.agent.oid });
    await this.deps.pending.save(tenantId, request.agent.oid, {
      command: request.command,
      locale: request.locale,
      agentAccountId: request.agentAccountId,
      origin: request.origin,
      originIsPersonal: request.originIsPersonal,
      createdAt: this.now().toISOString(),
    });
    const card = MessageFactory.attachment(
      interactive
        ? interactiveSignInCard(request.locale, interactive.link)
        : signInOAuthCard({ clientId, locale: request.locale, signInUrl: this.pageLink(request) ?? this.deps.signInUrl }),
    );

    if (request.originIsPersonal) {
      await context.sendActivity(card);
      log.info('bot.signIn.asked', { where: 'personal' });
      return;
    }
    const sent = await this.deps.privateDelivery.send(
      { origin: request.origin, agentAccountId: request.agentAccountId, tenantId, audience: audienceOf(context) },
      card,
    );
    if (sent.delivered) {
      await context.sendActivity(t(request.locale, 'bot.signIn.sentPrivately'));
      log.info('bot.signIn.asked', { where: 'personalFromShared' });
    } else {
      await context.sendActivity(t(request.locale, 'bot.signIn.useOneOnOne'));
      log.warn('bot.signIn.unreachable');
    }
  }
}
