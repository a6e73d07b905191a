import type { ResetFlow } from '../domain/reset/reset-flow';
import { t, type Locale } from '../i18n';
import type { Fact } from './card-template';
import { ownerText } from './device-text';

/** Fields every flow card binds to. */
export interface FlowCardBase {
  lang: Locale;
  /** Only the flow id and revision travel in card actions; the bot looks up everything else. */
  flowId: string;
  revision: number;
  /** Who started the flow: in a shared chat, everyone sees whose request a card is. */
  requestedBy: string;
}

export function flowCardBase(flow: ResetFlow, locale: Locale): FlowCardBase {
  return {
    lang: locale,
    flowId: flow.id,
    revision: flow.revision,
    requestedBy: t(locale, 'card.requestedBy', { agent: flow.agent.name }),
  };
}

/** The person the flow is about: the chosen user, else what the agent typed. */
export function personName(flow: ResetFlow): string {
  return flow.targetUser?.displayName || flow.query;
}

/** The chosen device's name, or a neutral word when none was chosen yet. */
export function deviceName(flow: ResetFlow, locale: Locale): string {
  return flow.device?.deviceName || t(locale, 'common.theDevice');
}

/** Device and owner, as far as the flow knows them. */
export function subjectFacts(flow: ResetFlow, locale: Locale): Fact[] {
  const facts: Fact[] = [];
  if (flow.device) facts.push({ label: t(locale, 'fact.device'), value: flow.device.deviceName });
  if (flow.targetUser || flow.device) {
    facts.push({ label: t(locale, 'fact.owner'), value: ownerText(flow.targetUser, flow.device, locale) });
  }
  return facts;
}
