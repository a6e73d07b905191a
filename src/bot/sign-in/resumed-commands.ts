import type { TurnContext } from 'botbuilder';
import type { Command, CommandKind } from '../../commands/parse-command';
import type { Actor } from '../../domain/model';
import type { Locale } from '../../i18n';
import type { PendingCommand } from './pending-command';

/** A feature that answers a typed command within one turn (its dialog does). */
export interface CommandAnswerer {
  readonly kinds: readonly CommandKind[];
  answerCommand(context: TurnContext, command: Command): Promise<void>;
}

/** Who typed the waiting command, as the token exchange tells us. */
export interface ResumedAgent {
  agent: Actor;
  agentAccountId: string;
  locale: Locale;
}

/**
 * Runs a command that waited for the agent's sign-in, in a proactive turn of the conversation it
 * was typed in, through the same feature code as when it is typed. This instance need not be
 * the one that asked for the sign-in.
 */
export class ResumedCommands {
  constructor(private readonly answerers: readonly CommandAnswerer[]) {}

  /** False when no feature here answers the command (a feature this deployment does not offer). */
  async run(context: TurnContext, command: PendingCommand, by: ResumedAgent): Promise<boolean> {
    const answerer = this.answerers.find((candidate) => candidate.kinds.includes(command.kind));
    if (!answerer) return false;
    // A continuation turn names the conversation; the features read who asks, and in which
    // language, from the activity, as they do for a typed message.
    context.activity.from = { id: by.agentAccountId, name: by.agent.name, aadObjectId: by.agent.oid };
    context.activity.locale = by.locale;
    await answerer.answerCommand(context, command);
    return true;
  }
}
