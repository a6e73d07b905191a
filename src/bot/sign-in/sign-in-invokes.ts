import { MessageFactory, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { DelegatedTokenProvider } from '../../ports/identity';
import type { Logger } from '../../ports/logger';
import type { ProactiveMessenger } from '../../adapters/teams/proactive';
import { pickLocale, t, type Locale } from '../../i18n';
import { AppError, isAppError } from '../../domain/errors';
import type { BackgroundTasks } from '../background-tasks';
import type { FlowStarter } from '../flow-starter';
import { actorOf } from '../reset-request';
import { errorFields, userFacingError } from '../user-facing-error';
import type { ExchangeDedupe } from './exchange-dedupe';
import type { PendingSignIn, PendingSignInStore } from './pending-sign-ins';
import type { ResumedCommands } from './resumed-commands';
import { SSO_CONNECTION_NAME } from './oauth-card';
import { handoverCodeOf, type HandoverVerification } from './interactive/handover-verification';
import { interactionChallenge, loginHintOf } from './interactive/interactive-challenge';
import { interactiveSignInCard } from './interactive/interactive-card';
import type { InteractiveSignIn } from './interactive/interactive-sign-in';

export interface SignInInvokesDeps {
  tokens: DelegatedTokenProvider;
  pending: PendingSignInStore;
  dedupe: ExchangeDedupe;
  starter: FlowStarter;
  /** The other typed commands (history, show passcode, setup check, approval channel). */
  commands: ResumedCommands;
  proactive: ProactiveMessenger;
  background: BackgroundTasks;
  tenantId: string;
  logger: Logger;
  /** The interactive sign-in page (MFA / Conditional Access fallback); absent: not offered. */
  interactive?: InteractiveSignIn;
  /** Redeems the page's one-time codes in `signin/verifyState`; comes with `interactive`. */
  handover?: HandoverVerification;
}

interface TokenExchangeValue {
  id: string;
  connectionName: string;
  token: string;
}

/**
 * The invokes Teams sends after our OAuthCard: `signin/tokenExchange` (silent SSO) and
 * `signin/verifyState` (after the card's button). On success the command that waited for the
 * sign-in runs in the conversation it came from, on this instance whichever one asked.
 */
export class SignInInvokes {
  constructor(private readonly deps: SignInInvokesDeps) {}

  async tokenExchange(context: TurnContext): Promise<InvokeResponse> {
    const value = parseTokenExchange(context.activity.value);
    const locale = pickLocale(context.activity.locale);
    const log = this.deps.logger.child({ correlationId: context.activity.id });
    if (!value) {
      log.warn('bot.signIn.exchangeMalformed');
      return failed(undefined, 'The token exchange request is malformed.');
    }
    const agent = actorOf(context, this.deps.tenantId);
    if (!agent) {
      log.warn('bot.signIn.exchangeWithoutIdentity');
      return failed(value, 'The sender has no Entra identity.');
    }
    if (!this.deps.dedupe.firstTime(value.id)) {
      // Another Teams client of the same agent already sent this one; it is handled there.
      log.info('bot.signIn.exchangeDuplicate', { agentOid: agent.oid });
      return { status: 200, body: { id: value.id, connectionName: value.connectionName } };
    }

    try {
      await this.deps.tokens.signIn(value.token, agent.oid);
    } catch (error) {
      this.deps.dedupe.release(value.id);
      log.warn('bot.signIn.exchangeFailed', { agentOid: agent.oid, ...errorFields(error) });
      if (isAppError(error) && (error.code === 'auth.consentRequired' || error.code === 'auth.interactionRequired')) {
        // Teams shows the sign-in button on 412; these two also need words the button cannot give.
        const offered = await this.offerSignInPage(context, agent.oid, locale, error, loginHintOf(value.token));
        if (!offered) await context.sendActivity(userFacingError(error, locale));
      } else if (isAppError(error) && error.code === 'auth.unexpected') {
        // Entra failed or did not answer (5xx, throttled, timeout): the sign-in button Teams shows
        // on 412 cannot help with that, so say it failed and to try again in a moment.
        await context.sendActivity(userFacingError(error, locale));
      }
      return failed(value, 'The token could not be exchanged.');
    }

    log.info('bot.signIn.exchanged', { agentOid: agent.oid });
    await this.resumePending(context, agent.oid, agent.name, locale);
    return { status: 200, body: { id: value.id, connectionName: value.connectionName } };
  }

  /**
   * After the sign-in page: `value.state` is the page's one-time code. Redeemed, it becomes the
   * agent's session and the waiting request runs (200). Without a code (or without the page),
   * the waiting request runs if a session exists by now.
   */
  async verifyState(context: TurnContext): Promise<InvokeResponse> {
    const locale: Locale = pickLocale(context.activity.locale);
    const agent = actorOf(context, this.deps.tenantId);
    if (!agent) return { status: 200 };
    const code = handoverCodeOf(context.activity.value);
    if (code && this.deps.handover) {
      const log = this.deps.logger.child({ correlationId: context.activity.id, agentOid: agent.oid });
      const outcome = await this.deps.handover.verify(code, { tenantId: this.deps.tenantId, oid: agent.oid });
      if (outcome.kind === 'failed') {
        log.warn('bot.signIn.verifyStateFailed', errorFields(outcome.error));
        const offered = await this.offerSignInPage(context, agent.oid, locale, outcome.error);
        if (!offered) await context.sendActivity(userFacingError(outcome.error, locale));
        return { status: 412 };
      }
      if (outcome.kind === 'refused' && !(await this.deps.tokens.hasSession(agent.oid))) {
        log.warn('bot.signIn.verifyStateRefused', { reason: outcome.reason });
        await context.sendActivity(t(locale, 'bot.signin.verify.refused'));
        return { status: 404 };
      }
      // Signed in now, or already (a repeated code): the waiting request runs.
      log.info('bot.signIn.verifiedState', { outcome: outcome.kind });
      await this.resumePending(context, agent.oid, agent.name, locale);
      return { status: 200 };
    }
    if (await this.deps.tokens.hasSession(agent.oid)) {
      await this.resumePending(context, agent.oid, agent.name, locale);
    } else {
      await context.sendActivity(userFacingError(new AppError('auth.signInRequired', 'No session after verifyState'), locale));
    }
    return { status: 200 };
  }

  /**
   * After an interaction_required: a card whose button opens the sign-in page with Entra's claims
   * challenge. False when the page is not served or the error is of another kind.
   */
  private async offerSignInPage(context: TurnContext, oid: string, locale: Locale, error: unknown, loginHint?: string): Promise<boolean> {
    const challenge = interactionChallenge(error);
    const link = challenge && this.deps.interactive?.linkFor({ tenantId: this.deps.tenantId, oid, locale, claims: challenge.claims, loginHint });
    if (!link) return false;
    await context.sendActivity(MessageFactory.attachment(interactiveSignInCard(locale, link)));
    this.deps.logger.info('bot.signIn.pageOffered', { correlationId: context.activity.id, agentOid: oid });
    return true;
  }

  /**
   * Takes the command that waited for this sign-in and runs it after the invoke is answered, so
   * Teams does not wait for Graph. Without one (expired, or already taken), the agent is told
   * they are signed in and to ask again.
   */
  private async resumePending(context: TurnContext, oid: string, name: string, locale: Locale): Promise<void> {
    const { tenantId, pending, proactive, starter } = this.deps;
    const correlationId = context.activity.id;
    let request: PendingSignIn | undefined;
    try {
      request = await pending.take(tenantId, oid);
    } catch (error) {
      // Signed in, but the request that was waiting cannot be read (storage unreachable): say so,
      // rather than "you are signed in" alone, so the agent knows to ask again.
      this.deps.logger.error('bot.signIn.pendingUnreadable', { correlationId, agentOid: oid, ...errorFields(error) });
      await context.sendActivity(`${t(locale, 'bot.signIn.done')}\n\n${userFacingError(error, locale)}`);
      return;
    }
    if (!request) {
      await context.sendActivity(t(locale, 'bot.signIn.done'));
      return;
    }
    const waiting = request;
    const { command } = waiting;
    const agent = { oid, name, tenantId };
    const waitingLocale = pickLocale(waiting.locale);
    this.deps.background.run('signIn.pending', { correlationId, agentOid: oid, command: command.kind }, async () => {
      await proactive.continueIn(waiting.origin, async (originContext) => {
        if (command.kind === 'resetFor') {
          await starter.startAndShow(originContext, {
            agent,
            agentAccountId: waiting.agentAccountId,
            locale: waitingLocale,
            query: command.query,
            origin: waiting.origin,
            originIsPersonal: waiting.originIsPersonal,
          });
          return;
        }
        const ran = await this.deps.commands.run(originContext, command, { agent, agentAccountId: waiting.agentAccountId, locale: waitingLocale });
        // Stored by an instance that offers a feature this one does not: the agent asks again.
        if (!ran) await originContext.sendActivity(t(waitingLocale, 'bot.signIn.done'));
      });
    });
  }
}

function parseTokenExchange(value: unknown): TokenExchangeValue | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || v.id.length === 0 || typeof v.token !== 'string' || v.token.length === 0) {
    return undefined;
  }
  return { id: v.id, token: v.token, connectionName: typeof v.connectionName === 'string' ? v.connectionName : SSO_CONNECTION_NAME };
}

/** 412: Teams then shows the OAuthCard's sign-in button instead of retrying silently. */
function failed(value: TokenExchangeValue | undefined, failureDetail: string): InvokeResponse {
  return {
    status: 412,
    body: { id: value?.id ?? '', connectionName: value?.connectionName ?? SSO_CONNECTION_NAME, failureDetail },
  };
}
