import { MessageFactory, type TurnContext } from 'botbuilder';
import type { ResetFlowService } from '../domain/reset/reset-flow';
import type { Logger } from '../ports/logger';
import { flowCard } from '../cards/views';
import type { ResetRequest } from './reset-request';
import { errorFields, userFacingError } from './user-facing-error';

/** Starts a reset flow for a request and shows its first card where the request was made. */
export interface FlowStarter {
  /** A failure to start (no user, Graph error, not helpdesk...) becomes a polite message there. */
  startAndShow(context: TurnContext, request: ResetRequest): Promise<void>;
}

export class ResetFlowStarter implements FlowStarter {
  constructor(
    private readonly resetFlows: ResetFlowService,
    private readonly logger: Logger,
  ) {}

  async startAndShow(context: TurnContext, request: ResetRequest): Promise<void> {
    const log = this.logger.child({ correlationId: context.activity.id, agentOid: request.agent.oid });
    try {
      const flow = await this.resetFlows.start({
        agent: request.agent,
        locale: request.locale,
        query: request.query,
        origin: request.origin,
        originIsPersonal: request.originIsPersonal,
      });
      log.info('bot.flow.started', { flowId: flow.id, state: flow.state });
      await context.sendActivity(MessageFactory.attachment(flowCard(flow, request.locale)));
    } catch (error) {
      log.warn('bot.flow.startFailed', errorFields(error));
      await context.sendActivity(userFacingError(error, request.locale));
    }
  }
}
