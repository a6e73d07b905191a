import sinon from 'sinon';
import { MemoryStorage, type Activity, type ChannelAccount, type Storage } from 'botbuilder';
import { createBot } from '../../../../../src/bot/create-bot';
import type { PasscodeDeskBot } from '../../../../../src/bot/passcode-desk-bot';
import type { ApprovalService } from '../../../../../src/domain/approvals/approval-service';
import type { HistoryReader } from '../../../../../src/dialogs/history-dialog';
import type { PasscodeViewer } from '../../../../../src/dialogs/show-passcode-dialog';
import type { RecoveryPort } from '../../../../../src/bot/recovery/recovery-delivery';
import type { RecoveryItem } from '../../../../../src/domain/recovery/in-flight-recovery';
import type { PeriodicJobs } from '../../../../../src/bot/approvals/periodic-jobs';
import type { InFlightStore } from '../../../../../src/ports/in-flight-store';
import { MemoryAppSettingsStore, MemoryConversationDirectory } from '../../../../../src/adapters/memory';
import { FakeDirectory, MemoryLogger } from '../../../../fakes';
import { BOT_ACCOUNT, CLIENT_ID, FakeTokens, PERSONAL, stubResetFlows } from '../../support/fixtures';
import { TeamsTestAdapter } from '../../support/teams-test-adapter';
import { APPROVER, EMPLOYEE, NOW, TENANT } from './requests';

export const HELPDESK_GROUP = 'group-helpdesk';
export const ADMIN_GROUP = 'group-admins';

export const EMPLOYEE_ACCOUNT: ChannelAccount = { id: '29:employee', name: EMPLOYEE.name, aadObjectId: EMPLOYEE.oid };
export const APPROVER_ACCOUNT: ChannelAccount = { id: '29:agent', name: APPROVER.name, aadObjectId: APPROVER.oid };
export const OTHER_AGENT_ACCOUNT: ChannelAccount = { id: '29:kenji', name: 'Kenji Sato', aadObjectId: 'agent-oid-2' };

/** Each use case of the ApprovalService as a sinon stub. */
export type ApprovalsStub = { [K in keyof ApprovalService]: sinon.SinonStub };

export function stubApprovals(): ApprovalsStub {
  return {
    ownDevices: sinon.stub(),
    file: sinon.stub(),
    listMine: sinon.stub(),
    cancel: sinon.stub(),
    approve: sinon.stub(),
    execute: sinon.stub(),
    deny: sinon.stub(),
    verifyAndReveal: sinon.stub(),
    expireDue: sinon.stub().resolves([]),
    get: sinon.stub(),
    deviceOf: sinon.stub(),
  };
}

export interface ApprovalsHarness {
  adapter: TeamsTestAdapter;
  bot: PasscodeDeskBot;
  logger: MemoryLogger;
  tokens: FakeTokens;
  approvals: ApprovalsStub;
  history: { history: sinon.SinonStub; chooseUser: sinon.SinonStub } & HistoryReader;
  showPasscode: { show: sinon.SinonStub } & PasscodeViewer;
  recovery: { [K in keyof RecoveryPort]: sinon.SinonStub } & RecoveryPort;
  inFlight: { get: sinon.SinonStub } & Pick<InFlightStore, 'get'>;
  settings: MemoryAppSettingsStore;
  people: MemoryConversationDirectory;
  directory: FakeDirectory;
}

/** The bot wired as in production with the self-service features, the domain stubbed. */
export interface ApprovalsHarnessOptions {
  /** Schedules start-up recovery and expiry sweeps (stop it in the test). */
  jobs?: PeriodicJobs;
  /** What start-up recovery finds (recoverPending). */
  pendingAtStartup?: RecoveryItem[];
  /** The bot's storage; default a fresh MemoryStorage. */
  storage?: Storage;
}

export function approvalsHarness(options: ApprovalsHarnessOptions = {}): ApprovalsHarness {
  const logger = new MemoryLogger();
  const tokens = new FakeTokens();
  const approvals = stubApprovals();
  const history = { history: sinon.stub(), chooseUser: sinon.stub() };
  const showPasscode = { show: sinon.stub() };
  const recovery = {
    recoverPending: sinon.stub().resolves(options.pendingAtStartup ?? []),
    recoverForAgent: sinon.stub().resolves([]),
    recoverOne: sinon.stub().resolves(undefined),
  };
  const inFlight = { get: sinon.stub().resolves(undefined) };
  const settings = new MemoryAppSettingsStore();
  const people = new MemoryConversationDirectory();
  const directory = new FakeDirectory({ groups: { [HELPDESK_GROUP]: [APPROVER.oid, 'agent-oid-2'], [ADMIN_GROUP]: [APPROVER.oid] } });
  const adapter = new TeamsTestAdapter(async (context) => bot.run(context));
  const bot: PasscodeDeskBot = createBot({
    adapter,
    appId: '',
    tenantId: TENANT,
    clientId: CLIENT_ID,
    resetFlows: stubResetFlows(),
    tokens,
    silentSso: { tryGetSsoToken: async () => undefined },
    logger,
    storage: options.storage ?? new MemoryStorage(),
    now: () => NOW,
    selfService: {
      approvals: approvals as unknown as ApprovalService,
      history,
      showPasscode,
      recovery,
      inFlight,
      settings,
      people,
      directory,
      membership: directory,
      helpdeskGroupId: HELPDESK_GROUP,
      adminGroupId: ADMIN_GROUP,
      jobs: options.jobs,
    },
  });
  return { adapter, bot, logger, tokens, approvals, history, showPasscode, recovery, inFlight, settings, people, directory };
}

/** The employee's 1:1 with the bot. */
export const EMPLOYEE_PERSONAL = { ...PERSONAL, id: 'a:personal-employee' };
/** The approver's 1:1 with the bot. */
export const APPROVER_PERSONAL = { ...PERSONAL, id: 'a:personal-29:agent' };

/** A stored reference of someone's 1:1, as the recorder keeps it. */
export function personalReference(conversationId: string, account: ChannelAccount, locale = 'en-US') {
  return {
    channelId: 'msteams',
    serviceUrl: 'https://smba.example.test/teams/',
    conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT },
    bot: { id: BOT_ACCOUNT.id, name: BOT_ACCOUNT.name },
    user: { id: account.id, name: account.name, aadObjectId: account.aadObjectId },
    locale,
  };
}

/** The adaptive card of a sent or updated activity. */
export function cardIn(activity: Partial<Activity> | undefined): Record<string, unknown> | undefined {
  const attachment = activity?.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  return attachment?.content as Record<string, unknown> | undefined;
}
