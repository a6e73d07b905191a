import sinon from 'sinon';
import { MemoryStorage, type Activity, type ChannelAccount, type ConversationAccount, type Storage } from 'botbuilder';
import { createBot } from '../../../../src/bot/create-bot';
import type { PasscodeDeskBot } from '../../../../src/bot/passcode-desk-bot';
import type { ResetFlowService } from '../../../../src/domain/reset/reset-flow';
import type { DelegatedTokenProvider, SilentSsoSource } from '../../../../src/ports/identity';
import { AGENT, MemoryLogger } from '../../../fakes';
import { TeamsTestAdapter } from './teams-test-adapter';

export const TENANT_ID = AGENT.tenantId;
export const CLIENT_ID = '6f1c2a44-0c35-4f43-9a2b-1d9c0f6e7a10';

export const BOT_ACCOUNT: ChannelAccount = { id: '28:passcode-desk', name: 'Passcode Desk' };
export const AGENT_ACCOUNT: ChannelAccount = { id: '29:agent', name: AGENT.name, aadObjectId: AGENT.oid };
export const OTHER_ACCOUNT: ChannelAccount = { id: '29:other', name: 'Oscar Other', aadObjectId: 'other-oid' };

export const PERSONAL: ConversationAccount = {
  id: 'a:personal-29:agent',
  conversationType: 'personal',
  isGroup: false,
  name: '',
  tenantId: TENANT_ID,
};
export const CHANNEL: ConversationAccount = {
  id: '19:helpdesk@thread.tacv2;messageid=1700000000000',
  conversationType: 'channel',
  isGroup: true,
  name: '',
  tenantId: TENANT_ID,
};
export const GROUP_CHAT: ConversationAccount = {
  id: '19:group@thread.v2',
  conversationType: 'groupChat',
  isGroup: true,
  name: '',
  tenantId: TENANT_ID,
};

export interface EnvelopeOptions {
  conversation?: ConversationAccount;
  from?: ChannelAccount;
  tenantId?: string;
  locale?: string;
}

function envelope(options: EnvelopeOptions): Partial<Activity> {
  const tenantId = options.tenantId ?? TENANT_ID;
  const conversation = { ...(options.conversation ?? PERSONAL), tenantId };
  return {
    channelId: 'msteams',
    serviceUrl: 'https://smba.example.test/teams/',
    conversation,
    from: options.from ?? AGENT_ACCOUNT,
    recipient: BOT_ACCOUNT,
    locale: options.locale ?? 'en-US',
    channelData: { tenant: { id: tenantId } },
  };
}

/** A message as Teams posts it; in shared conversations the bot is mentioned first. */
export function message(text: string, options: EnvelopeOptions = {}): Partial<Activity> {
  const base = envelope(options);
  const shared = base.conversation?.conversationType !== 'personal';
  const mention = '<at>Passcode Desk</at>';
  return {
    ...base,
    type: 'message',
    text: shared ? `${mention} ${text}` : text,
    entities: shared ? [{ type: 'mention', text: mention, mentioned: BOT_ACCOUNT }] : [],
  };
}

/** An Action.Execute click on the card held by message `replyToId`. */
export function cardClick(value: unknown, options: EnvelopeOptions & { replyToId?: string } = {}): Partial<Activity> {
  return {
    ...envelope(options),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: options.replyToId ?? 'card-message-1',
    value,
  };
}

export function execute(verb: string, data: Record<string, unknown>, options: EnvelopeOptions & { replyToId?: string } = {}) {
  return cardClick({ action: { type: 'Action.Execute', verb, data }, trigger: 'manual' }, options);
}

export function tokenExchange(id: string, token: string, options: EnvelopeOptions = {}): Partial<Activity> {
  return {
    ...envelope(options),
    type: 'invoke',
    name: 'signin/tokenExchange',
    value: { id, connectionName: 'passcode-desk-sso', token },
  };
}

/** DelegatedTokenProvider that accepts any token unless told to fail. */
export class FakeTokens implements DelegatedTokenProvider {
  readonly sessions = new Set<string>();
  failWith?: Error;
  readonly signIn = sinon.spy(async (_ssoToken: string, expectedOid: string): Promise<void> => {
    if (this.failWith) throw this.failWith;
    this.sessions.add(expectedOid);
  });

  async getGraphToken(oid: string): Promise<string> {
    if (!this.sessions.has(oid)) throw new Error('no session');
    return 'graph-token';
  }
  async hasSession(oid: string): Promise<boolean> {
    return this.sessions.has(oid);
  }
  async forget(oid: string): Promise<void> {
    this.sessions.delete(oid);
  }
}

export type ResetFlowsStub = { [K in keyof ResetFlowService]: sinon.SinonStub<Parameters<ResetFlowService[K]>, ReturnType<ResetFlowService[K]>> };

export function stubResetFlows(): ResetFlowsStub {
  return {
    start: sinon.stub(),
    chooseUser: sinon.stub(),
    chooseDevice: sinon.stub(),
    cancel: sinon.stub(),
    confirm: sinon.stub(),
    execute: sinon.stub(),
    get: sinon.stub(),
  };
}

export interface Harness {
  adapter: TeamsTestAdapter;
  bot: PasscodeDeskBot;
  logger: MemoryLogger;
  tokens: FakeTokens;
  silentSso: { tryGetSsoToken: sinon.SinonStub<[string], Promise<string | undefined>> } & SilentSsoSource;
  resetFlows: ResetFlowsStub;
}

/** The bot wired as in production, on a TestAdapter, with the domain and identity faked. */
export function harness(options: { storage?: Storage } = {}): Harness {
  const logger = new MemoryLogger();
  const tokens = new FakeTokens();
  const silentSso = { tryGetSsoToken: sinon.stub<[string], Promise<string | undefined>>().resolves(undefined) };
  const resetFlows = stubResetFlows();
  // The closure runs on the first activity, after `bot` exists.
  const adapter = new TeamsTestAdapter(async (context) => bot.run(context));
  const bot: PasscodeDeskBot = createBot({
    adapter,
    appId: '',
    tenantId: TENANT_ID,
    clientId: CLIENT_ID,
    resetFlows,
    tokens,
    silentSso,
    logger,
    storage: options.storage ?? new MemoryStorage(),
  });
  return { adapter, bot, logger, tokens, silentSso, resetFlows };
}
