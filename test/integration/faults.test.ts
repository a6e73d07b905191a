import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppTiming } from '../../src/app';
import type { ErrorCode } from '../../src/domain/errors';
import { t } from '../../src/i18n';
import {
  DEMO_DEVICES,
  DEMO_HELPDESK_ADMIN_GROUP_ID,
  DEMO_USERS,
  type FaultRule,
  type RunningSimulator,
  type SimDevice,
  type SimUser,
} from '../../src/simulator';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import { adaptiveCardOf, executeActions, invokeCard, OAUTH, visible } from '../support/cards';
import { FaultTable, firstSentence } from '../support/fault-table';
import { personalChat, startDeployment, type Deployment } from '../support/harness';
import { cardText, type ConversationSpec, type InvokeResult, type SentActivity, type TeamsUser } from '../support/teams-fake';

/**
 * Faults, end to end over HTTP: every Graph call the bot makes and the token endpoint answer 429
 * (Retry-After in seconds and as an HTTP date), 500, 503, 504, drop the connection or answer after
 * our timeout; then a reset stuck past our wait, a failed reset, two writers on one flow, and the
 * storage account going away mid-flow. For each: the user is told something clear (no stack, no
 * raw error), one confirmation never causes two resets, a pending approval is never lost, and the
 * flow can be finished once the fault is gone. The outcomes form a table (fault × call) printed
 * in the test output and written to test-output/fault-table.md.
 *
 * To stay fast, each fault kind gets its own deployment (simulated tenant + bot + Teams stand-in,
 * one Azurite shared under separate namespaces), and one call's cases run on all of them at once:
 * faults are matched per simulator, so the cases cannot see each other's. Every case resets its
 * own person's own phone, so no two resets of one device fall within the reset's clock allowance.
 */

/**
 * Shortened so a slow answer or a stuck reset ends in seconds (production: 30 s per Graph request,
 * 10 s per token request, 3 minutes of waiting for Intune). The timeout still leaves room for the
 * Graph client's own resends of a throttled read (Retry-After 1 s, twice).
 */
const GRAPH_TIMEOUT_MS = 3_500;
const SLOW_MS = 4_500;
const TIMING: AppTiming = {
  graphTimeoutMs: GRAPH_TIMEOUT_MS,
  tokenTimeoutMs: GRAPH_TIMEOUT_MS,
  reset: {
    firstPollDelayMs: 200,
    maxPollDelayMs: 300,
    ambiguityCheckDelaysMs: [300, 700, 1_200],
    maxThrottleResends: 2,
    maxWaitMs: 12_000,
  },
};
/** A fault that lasts until the test clears it (every resend of the Graph client included). */
const UNTIL_CLEARED = 100_000;
const ACTION_DELAY_MS = 300;

const hana: TeamsUser = { id: '29:hana', aadObjectId: DEMO_USERS.hanaSuzuki, name: 'Hana Suzuki' };
const kenji: TeamsUser = { id: '29:kenji', aadObjectId: DEMO_USERS.kenjiSato, name: 'Kenji Sato' };

// ---------------------------------------------------------------------------------------------
// Deployments ("labs")

/** One deployment of a case: the shared harness's, with Hana and Kenji known to Teams. */
type Lab = Deployment;

interface LabOptions {
  azurite: RunningAzurite;
  namespace: string;
  timing?: AppTiming;
  /** Share this simulated tenant (a second bot instance); stop() then leaves it running. */
  sim?: RunningSimulator;
}

async function startLab(options: LabOptions): Promise<Lab> {
  const lab = await startDeployment({
    azurite: options.azurite,
    actionDelayMs: ACTION_DELAY_MS,
    timing: options.timing ?? TIMING,
    ...(options.sim ? { sim: options.sim } : {}),
    env: {
      STATE_NAMESPACE: options.namespace,
      // Every case resets once or twice as Hana: the hourly limit is not what is tested here.
      AGENT_MAX_RESETS_PER_HOUR: '1000',
    },
  });
  for (const user of [hana, kenji]) lab.teams.addUser(user);
  return lab;
}

const chatOf = (lab: Lab, user: TeamsUser): ConversationSpec => personalChat(user, lab.tenantId, lab.teams);

async function until<T>(probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out (${timeoutMs} ms) waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Answer an OAuthCard the way Teams does; the invoke's status (200, or 412 when the exchange failed). */
async function exchange(lab: Lab, user: TeamsUser, oauth: SentActivity): Promise<InvokeResult> {
  const content = oauth.attachments!.find((x) => x.contentType === OAUTH)!.content as { tokenExchangeResource: { id: string } };
  return lab.teams.tokenExchange(user, chatOf(lab, user), content.tokenExchangeResource.id, lab.sim.signSsoToken(user.aadObjectId));
}

function oauthCardSince(lab: Lab, user: TeamsUser, mark: number): SentActivity | undefined {
  const chat = chatOf(lab, user).id;
  return lab.teams.sent.slice(mark).find((a) => a.conversationId === chat && a.attachments?.some((x) => x.contentType === OAUTH));
}

/** A helpdesk member signs in once through the OAuthCard; the bot then knows their 1:1 for request cards. */
async function signIn(lab: Lab, user: TeamsUser): Promise<void> {
  const mark = lab.teams.sent.length;
  await lab.teams.sendMessage(user, chatOf(lab, user), 'history');
  const oauth = await lab.teams.waitFor(() => oauthCardSince(lab, user, mark), 15_000, 'an OAuthCard');
  assert.equal((await exchange(lab, user, oauth)).status, 200);
  await until(async () => (await lab.app.state.conversations.helpdeskMembers(20)).some((m) => m.oid === user.aadObjectId), 10_000, `${user.name} known as helpdesk`);
}

// ---------------------------------------------------------------------------------------------
// People and phones of the cases

interface Target {
  key: string;
  upn: string;
  deviceId: string;
  /** The person as a Teams user (for self-service). */
  user: TeamsUser;
}

/** A new person with one eligible phone (a copy of Alice Smith's Lumia), so each case resets its own device. */
function addTarget(lab: Lab, key: string): Target {
  const tenant = lab.sim.tenant;
  const template = tenant.users.find((u) => u.id === DEMO_USERS.aliceSmith)!;
  const id = randomUUID();
  const upn = `${key}@${tenant.domains[0]}`;
  const name = `Case ${key}`;
  const person: SimUser = { ...structuredClone(template), id, displayName: name, givenName: 'Case', surname: key, userPrincipalName: upn, mail: upn };
  tenant.users.push(person);
  const lumia = tenant.devices.find((d) => d.id === DEMO_DEVICES.aliceLumia)!;
  const device: SimDevice = {
    ...structuredClone(lumia),
    id: randomUUID(),
    userId: id,
    deviceName: `${key.toUpperCase()}-LUMIA`,
    userPrincipalName: upn,
    userDisplayName: name,
    emailAddress: upn,
    azureADDeviceId: randomUUID(),
    deviceActionResults: [],
  };
  tenant.devices.push(device);
  const user: TeamsUser = { id: `29:${key}`, aadObjectId: id, name };
  lab.teams.addUser(user);
  return { key, upn, deviceId: device.id, user };
}

/**
 * A new helpdesk agent (a copy of Hana without the admin group). The bot remembers a membership
 * answer for a minute, so only an agent it has not asked yet shows a failing membership check.
 */
function addAgent(lab: Lab, key: string): TeamsUser {
  const tenant = lab.sim.tenant;
  const template = tenant.users.find((u) => u.id === DEMO_USERS.hanaSuzuki)!;
  const id = randomUUID();
  const upn = `${key}@${tenant.domains[0]}`;
  const name = `Agent ${key}`;
  tenant.users.push({
    ...structuredClone(template),
    id,
    displayName: name,
    givenName: 'Agent',
    surname: key,
    userPrincipalName: upn,
    mail: upn,
    memberOf: template.memberOf.filter((group) => group !== DEMO_HELPDESK_ADMIN_GROUP_ID),
  });
  const user: TeamsUser = { id: `29:${key}`, aadObjectId: id, name };
  lab.teams.addUser(user);
  return user;
}

/** resetPasscode actions Intune has executed on the device (what a double reset would show). */
function executedResets(lab: Lab, deviceId: string): number {
  return lab.sim.tenant.devices.find((d) => d.id === deviceId)!.deviceActionResults.filter((r) => r.actionName === 'resetPasscode').length;
}

function intunePasscode(lab: Lab, deviceId: string): string | undefined {
  const results = lab.sim.tenant.devices.find((d) => d.id === deviceId)!.deviceActionResults;
  return results.filter((r) => r.actionName === 'resetPasscode' && r.passcode).at(-1)?.passcode ?? undefined;
}

// ---------------------------------------------------------------------------------------------
// What the user sees

/** Everything shown in one conversation since `mark`: texts, notification summaries, card texts. */
function seenSince(lab: Lab, conversationId: string, mark: number): string {
  return lab.teams.sent
    .slice(mark)
    .filter((a) => a.conversationId === conversationId)
    .map((a) => [a.text, a.summary, cardText(adaptiveCardOf(a))].filter(Boolean).join('\n'))
    .join('\n');
}

/** The text of an `adaptiveCard/action` answer: a message, or the card that replaced the clicked one. */
function answerText(answer: InvokeResult): string {
  const card = invokeCard(answer.body);
  if (card) return cardText(card);
  const value = (answer.body as { value?: unknown } | undefined)?.value;
  return typeof value === 'string' ? value : '';
}

/** Signs of an error shown raw: stack frames, exception names, socket errors, JSON error bodies. */
const RAW_ERROR_SIGNS: readonly RegExp[] = [
  /\bat [\w.$<>]+ \(/,
  /\.(?:ts|js|mjs|cjs):\d+/,
  /\b(?:AppError|GraphError|GraphClientError|RestError|AuthError|ServerError|ClientAuthError|TypeError|AbortError|TimeoutError)\b/,
  /ECONN[A-Z]+|ETIMEDOUT|EPIPE|socket hang up|fetch failed|UND_ERR|other side closed/i,
  /\[object Object\]|\bundefined\b/,
  /"error"\s*:|"code"\s*:/,
];

function assertPolite(text: string, what: string): void {
  assert.ok(text.trim() !== '', `${what}: the user was told nothing`);
  for (const sign of RAW_ERROR_SIGNS) assert.ok(!sign.test(text), `${what}: a raw error reached the user (${sign}): ${text}`);
}

/** The message the catalog has for an error code (the part the user reads first). */
const whatOf = (code: ErrorCode): string => t('en', `error.${code}.what`);

function assertTold(text: string, code: ErrorCode, what: string): void {
  assertPolite(text, what);
  assert.ok(text.includes(whatOf(code)), `${what}: expected "${whatOf(code)}", the user saw: ${text}`);
}

// ---------------------------------------------------------------------------------------------
// The agent's reset, step by step

interface Asked {
  told: string;
  confirm?: SentActivity;
}

/** "reset PIN for <upn>" in Hana's 1:1: the confirmation card, or what she was told instead. */
async function askReset(lab: Lab, target: Target, agent: TeamsUser = hana): Promise<Asked> {
  const chat = chatOf(lab, agent);
  const mark = lab.teams.sent.length;
  await lab.teams.sendMessage(agent, chat, `reset PIN for ${target.upn}`);
  const confirm = visible(lab.teams.sent.slice(mark))
    .filter((a) => a.conversationId === chat.id)
    .find((a) => executeActions(adaptiveCardOf(a)).some((x) => x.verb === 'confirm'));
  return { told: seenSince(lab, chat.id, mark), ...(confirm ? { confirm } : {}) };
}

interface ResetEnd {
  state: string;
  failure?: ErrorCode;
  /** The passcode shown to the agent privately, when done. */
  passcode?: string;
  /** What the agent saw from the click on (the click's answer, progress, the end). */
  told: string;
}

/** Click Yes (with a ticket number) and follow the reset to its end as the agent sees it. */
async function confirmReset(lab: Lab, target: Target, confirm: SentActivity, agent: TeamsUser = hana): Promise<ResetEnd> {
  const chat = chatOf(lab, agent);
  const yes = executeActions(adaptiveCardOf(confirm)).find((x) => x.verb === 'confirm');
  assert.ok(yes, 'the card has a Yes button');
  const flowId = String(yes.data.flowId);
  const mark = lab.teams.sent.length;
  const answer = await lab.teams.clickExecute(agent, chat, confirm.id, 'confirm', { ...yes.data, reason: 'INC-4711' });
  assert.equal(answer.status, 200, 'the click is answered');
  const flow = await until(async () => {
    const current = await lab.app.state.flows.get(flowId);
    return current && ['done', 'failed', 'cancelled'].includes(current.state) ? current : undefined;
  }, 30_000, 'the reset to end');
  if (flow.state === 'done') {
    const card = await lab.teams.waitFor(
      () => visible(lab.teams.sent.slice(mark)).find((a) => a.conversationId === chat.id && executeActions(adaptiveCardOf(a)).some((x) => x.verb === 'hidePasscode')),
      10_000,
      'the passcode card in the 1:1',
    );
    const passcode = intunePasscode(lab, target.deviceId);
    assert.ok(passcode && cardText(adaptiveCardOf(card)).includes(passcode), 'the agent sees the passcode Intune generated');
    return { state: 'done', passcode, told: `${answerText(answer)}\n${seenSince(lab, chat.id, mark)}` };
  }
  const failure = flow.failure?.code as ErrorCode | undefined;
  // The card's last update says how it ended; it follows the stored outcome closely.
  await lab.teams.waitFor(() => failure && seenSince(lab, chat.id, mark).includes(whatOf(failure)), 10_000, `the card saying ${failure}`);
  return { state: flow.state, ...(failure ? { failure } : {}), told: `${answerText(answer)}\n${seenSince(lab, chat.id, mark)}` };
}

/** A whole reset once nothing fails: ask, confirm, passcode. */
async function resetToTheEnd(lab: Lab, target: Target): Promise<ResetEnd> {
  const asked = await askReset(lab, target);
  assert.ok(asked.confirm, `a confirmation card once the fault is gone; the agent saw: ${asked.told}`);
  const end = await confirmReset(lab, target, asked.confirm);
  assert.equal(end.state, 'done', `the reset finishes once the fault is gone; the agent saw: ${end.told}`);
  return end;
}

// ---------------------------------------------------------------------------------------------
// The employee's request

/** "I forgot my PIN" in the employee's 1:1: the card with their devices, or what they were told. */
async function askSelfService(lab: Lab, employee: Target): Promise<Asked & { devices?: SentActivity }> {
  const chat = chatOf(lab, employee.user);
  const mark = lab.teams.sent.length;
  await lab.teams.sendMessage(employee.user, chat, 'I forgot my PIN');
  const devices = visible(lab.teams.sent.slice(mark))
    .filter((a) => a.conversationId === chat.id)
    .find((a) => executeActions(adaptiveCardOf(a)).some((x) => x.verb === 'fileRequest'));
  return { told: seenSince(lab, chat.id, mark), ...(devices ? { devices } : {}) };
}

/** File the request from the devices card; resolves with the request card in Hana's 1:1. */
async function fileRequest(lab: Lab, employee: Target, devices: SentActivity): Promise<SentActivity> {
  const chat = chatOf(lab, employee.user);
  const action = executeActions(adaptiveCardOf(devices)).find((x) => x.verb === 'fileRequest' && x.data.deviceId === employee.deviceId);
  assert.ok(action, 'the employee can request a reset of the phone');
  const filed = await lab.teams.clickExecute(employee.user, chat, devices.id, 'fileRequest', { ...action.data, justification: 'Locked out after a trip' });
  assert.match(answerText(filed), /Request sent to the helpdesk/, 'the request is filed');
  const hanaChat = chatOf(lab, hana).id;
  return lab.teams.waitFor(
    () =>
      visible(lab.teams.inConversation(hanaChat))
        .reverse()
        .find((a) => executeActions(adaptiveCardOf(a)).some((x) => x.verb === 'approveRequest') && cardText(adaptiveCardOf(a)).includes(employee.user.name)),
    15_000,
    'the request card in Hana’s 1:1',
  );
}

// ---------------------------------------------------------------------------------------------
// The table: faults and calls

interface FaultKind {
  label: string;
  rule(): Pick<FaultRule, 'status' | 'retryAfter' | 'dropConnection' | 'delayMs'>;
  /** What a failed read turns into for the user. */
  read: ErrorCode;
  /** Whether Graph says the request was not executed (429): the reset may be sent again. */
  notExecuted: boolean;
}

const FAULTS: readonly FaultKind[] = [
  { label: '429, Retry-After: 1 (seconds)', rule: () => ({ status: 429, retryAfter: '1' }), read: 'graph.throttled', notExecuted: true },
  {
    label: '429, Retry-After as an HTTP date (+2 s)',
    rule: () => ({ status: 429, retryAfter: new Date(Date.now() + 2_000).toUTCString() }),
    read: 'graph.throttled',
    notExecuted: true,
  },
  { label: '500', rule: () => ({ status: 500 }), read: 'graph.unavailable', notExecuted: false },
  { label: '503', rule: () => ({ status: 503 }), read: 'graph.unavailable', notExecuted: false },
  { label: '504', rule: () => ({ status: 504 }), read: 'graph.unavailable', notExecuted: false },
  { label: 'dropped connection', rule: () => ({ dropConnection: true }), read: 'graph.unavailable', notExecuted: false },
  { label: `answer after ${SLOW_MS / 1000} s (our timeout: ${GRAPH_TIMEOUT_MS / 1000} s)`, rule: () => ({ delayMs: SLOW_MS }), read: 'graph.unavailable', notExecuted: false },
];

/** One row's facts, gathered while the case runs (so a failed case still has a row). */
class CaseNotes {
  told = '—';
  finished = '—';
  resets = '—';
  /** For the matrix: what the user got, in a few words. */
  short = '';
}

/** A few words for a user-facing error code, for the matrix. */
const SHORT: Partial<Record<ErrorCode, string>> = {
  'graph.throttled': 'told “busy, try again in N s”',
  'graph.unavailable': 'told “not answering”',
  'reset.outcomeUnknown': 'told “outcome unknown, check Intune”',
  'auth.unexpected': 'told “sign-in failed, try again”',
};

/** One call and how its cases run; a case fills its row's notes as it goes. */
interface SingleColumn {
  call: string;
  run(lab: Lab, fault: FaultKind, notes: CaseNotes, key: string): Promise<void>;
}

/** One `it`: the cases of one or more calls (rows), run for every fault at once, one deployment each. */
interface Column {
  calls: readonly string[];
  run(lab: Lab, fault: FaultKind, notes: readonly CaseNotes[], key: string): Promise<void>;
}

const single = (column: SingleColumn): Column => ({ calls: [column.call], run: (lab, fault, notes, key) => column.run(lab, fault, notes[0]!, key) });

function resetCount(lab: Lab, target: Target, confirmations: number): string {
  const posts = lab.sim.resetPostCount(target.deviceId);
  const executed = executedResets(lab, target.deviceId);
  return `${posts} POST${posts === 1 ? '' : 's'}, ${executed} executed / ${confirmations} confirmation${confirmations === 1 ? '' : 's'}`;
}

/** A read made while the flow starts (lookup, membership, device list): the agent is told, then starts again. */
function readOnStart(call: string, match: Pick<FaultRule, 'method' | 'path'>): SingleColumn {
  return {
    call,
    async run(lab, fault, notes, key) {
      const target = addTarget(lab, key);
      lab.sim.injectFault({ ...match, ...fault.rule(), times: UNTIL_CLEARED });
      const asked = await askReset(lab, target).finally(() => lab.sim.clearFaults());
      notes.told = firstSentence(asked.told);
      notes.short = `${SHORT[fault.read]}; finished`;
      assert.equal(asked.confirm, undefined, 'no confirmation card while Graph fails');
      assertTold(asked.told, fault.read, call);
      assert.equal(lab.sim.resetPostCount(target.deviceId), 0, 'nothing is reset');
      await resetToTheEnd(lab, target);
      notes.finished = 'asked again: confirmed, passcode in the 1:1';
      notes.resets = resetCount(lab, target, 1);
      assert.equal(lab.sim.resetPostCount(target.deviceId), 1);
      assert.equal(executedResets(lab, target.deviceId), 1);
    },
  };
}

/**
 * The membership check fails when a new agent's first request runs (right after signing in): the
 * agent is told, asks again, and finishes.
 */
const membershipColumn: SingleColumn = {
  call: 'membership `POST /me/checkMemberGroups`',
  async run(lab, fault, notes, key) {
    const target = addTarget(lab, key);
    const agent = addAgent(lab, `${key}a`);
    const chat = chatOf(lab, agent).id;
    let mark = lab.teams.sent.length;
    await lab.teams.sendMessage(agent, chatOf(lab, agent), `reset PIN for ${target.upn}`);
    const oauth = await lab.teams.waitFor(() => oauthCardSince(lab, agent, mark), 15_000, 'an OAuthCard');
    mark = lab.teams.sent.length;
    lab.sim.injectFault({ method: 'POST', path: '/checkMemberGroups', ...fault.rule(), times: UNTIL_CLEARED });
    try {
      assert.equal((await exchange(lab, agent, oauth)).status, 200, 'signed in');
      // The request that waited for the sign-in runs now, and meets the failing check.
      await lab.teams.waitFor(() => seenSince(lab, chat, mark).includes(whatOf(fault.read)), 20_000, `the agent told ${fault.read}`);
    } finally {
      lab.sim.clearFaults();
    }
    const told = seenSince(lab, chat, mark);
    notes.told = firstSentence(told);
    notes.short = `${SHORT[fault.read]}; finished`;
    assertTold(told, fault.read, 'membership');
    assert.ok(!lab.teams.sent.slice(mark).some((a) => executeActions(adaptiveCardOf(a)).some((x) => x.verb === 'confirm')), 'no confirmation card');
    const asked = await askReset(lab, target, agent);
    assert.ok(asked.confirm, `a confirmation card once the fault is gone; the agent saw: ${asked.told}`);
    const end = await confirmReset(lab, target, asked.confirm, agent);
    assert.equal(end.state, 'done');
    notes.finished = 'asked again: confirmed, passcode in the 1:1';
    notes.resets = resetCount(lab, target, 1);
    assert.equal(lab.sim.resetPostCount(target.deviceId), 1);
  },
};

const RESET_POST: Pick<FaultRule, 'method' | 'path'> = { method: 'POST', path: '/resetPasscode' };

/** The reset POST fails before Intune acted: told (busy / outcome unknown), never resent blindly, then reset again. */
const resetPostColumn: SingleColumn = {
  call: 'reset `POST …/resetPasscode` (Intune did not act)',
  async run(lab, fault, notes, key) {
    const target = addTarget(lab, key);
    const asked = await askReset(lab, target);
    assert.ok(asked.confirm, 'a confirmation card');
    lab.sim.injectFault({ ...RESET_POST, ...fault.rule(), times: UNTIL_CLEARED });
    let end: ResetEnd;
    try {
      end = await confirmReset(lab, target, asked.confirm);
    } finally {
      lab.sim.clearFaults();
    }
    notes.told = firstSentence(end.failure ? whatOf(end.failure) : end.told);
    assertPolite(end.told, 'reset POST');
    if (fault.rule().delayMs) {
      // Intune acted after we stopped waiting: found by reading the results, delivered, never resent.
      assert.equal(end.state, 'done', `a late answer is found in Intune's results; the agent saw: ${end.told}`);
      notes.told = 'nothing: progress, then the passcode (the late reset was found in Intune’s results)';
      notes.short = 'found in results, delivered; 1 POST';
      notes.finished = 'finished without asking again';
      notes.resets = resetCount(lab, target, 1);
      assert.equal(lab.sim.resetPostCount(target.deviceId), 1, 'the POST is never resent after a timeout');
      assert.equal(executedResets(lab, target.deviceId), 1);
      return;
    }
    assert.equal(end.state, 'failed');
    const expected: ErrorCode = fault.notExecuted ? 'graph.throttled' : 'reset.outcomeUnknown';
    assertTold(end.told, expected, 'reset POST');
    notes.short = `${SHORT[expected]}; finished; ${fault.notExecuted ? 'resent only after 429' : 'never resent'}`;
    const postsAfterFirst = lab.sim.resetPostCount(target.deviceId);
    if (fault.notExecuted) {
      // A 429 was not executed: resent after Retry-After, a bounded number of times.
      assert.equal(postsAfterFirst, 1 + (TIMING.reset?.maxThrottleResends ?? 3), 'resent only after 429, and bounded');
    } else {
      assert.equal(postsAfterFirst, 1, 'an ambiguous POST is never resent');
    }
    assert.equal(executedResets(lab, target.deviceId), 0, 'Intune did not act');
    await resetToTheEnd(lab, target);
    notes.finished = 'asked again: confirmed, passcode in the 1:1';
    notes.resets = resetCount(lab, target, 2);
    assert.equal(executedResets(lab, target.deviceId), 1, 'one reset executed in all');
  },
};

/** The reset POST took effect but its answer was lost (5xx after handling, dropped): found in the results, not resent. */
const resetPostAfterActingColumn: SingleColumn = {
  call: 'reset `POST …/resetPasscode` (Intune acted, answer lost)',
  async run(lab, fault, notes, key) {
    if (fault.notExecuted || fault.rule().delayMs) {
      notes.told = fault.notExecuted ? 'n/a: a 429 means Intune did not act' : 'n/a: a slow answer that acts late is the row above';
      notes.short = 'n/a';
      notes.finished = 'n/a';
      return;
    }
    const target = addTarget(lab, key);
    const asked = await askReset(lab, target);
    assert.ok(asked.confirm, 'a confirmation card');
    lab.sim.injectFault({ ...RESET_POST, ...fault.rule(), afterHandling: true, times: UNTIL_CLEARED });
    let end: ResetEnd;
    try {
      end = await confirmReset(lab, target, asked.confirm);
    } finally {
      lab.sim.clearFaults();
    }
    assertPolite(end.told, 'reset POST after acting');
    assert.equal(end.state, 'done', `the reset is found in Intune's results; the agent saw: ${end.told}`);
    notes.told = 'nothing: progress, then the passcode';
    notes.short = 'found in results, delivered; 1 POST';
    notes.finished = 'finished without asking again';
    notes.resets = resetCount(lab, target, 1);
    assert.equal(lab.sim.resetPostCount(target.deviceId), 1, 'never resent');
    assert.equal(executedResets(lab, target.deviceId), 1);
  },
};

/** Reading the result fails while we wait: the wait goes on; once the fault clears, the passcode arrives. */
const resultsReadColumn: SingleColumn = {
  call: 'result read `GET …/managedDevices/{id}?$select=deviceActionResults`',
  async run(lab, fault, notes, key) {
    const target = addTarget(lab, key);
    const asked = await askReset(lab, target);
    assert.ok(asked.confirm, 'a confirmation card');
    const failedReads = () => lab.logLines.filter((line) => line.includes('"reset.readFailed"') && line.includes(target.deviceId)).length;
    lab.sim.injectFault({ method: 'GET', path: new RegExp(`/deviceManagement/managedDevices/${target.deviceId}$`), ...fault.rule(), times: UNTIL_CLEARED });
    const ending = confirmReset(lab, target, asked.confirm);
    await until(() => failedReads() > 0, 15_000, 'a failed result read').finally(() => lab.sim.clearFaults());
    const end = await ending;
    assertPolite(end.told, 'result read');
    assert.equal(end.state, 'done', `the wait outlives failed reads; the agent saw: ${end.told}`);
    notes.told = `nothing but progress while ${failedReads()} read(s) failed, then the passcode`;
    notes.short = 'kept waiting, delivered';
    notes.finished = 'finished without asking again';
    notes.resets = resetCount(lab, target, 1);
    assert.equal(lab.sim.resetPostCount(target.deviceId), 1);
    assert.equal(executedResets(lab, target.deviceId), 1);
  },
};

/** The employee's own device list, read app-only: the employee is told, asks again, files the request. */
const appOnlyReadColumn: SingleColumn = {
  call: 'employee’s devices, app-only `GET /users/{id}/managedDevices`',
  async run(lab, fault, notes, key) {
    const employee = addTarget(lab, key);
    lab.sim.injectFault({ method: 'GET', path: new RegExp(`/users/${employee.user.aadObjectId}/managedDevices$`), ...fault.rule(), times: UNTIL_CLEARED });
    const asked = await askSelfService(lab, employee).finally(() => lab.sim.clearFaults());
    notes.told = firstSentence(asked.told);
    notes.short = `${SHORT[fault.read]}; filed`;
    assert.equal(asked.devices, undefined, 'no device card while Graph fails');
    assertTold(asked.told, fault.read, 'app-only read');
    const again = await askSelfService(lab, employee);
    assert.ok(again.devices, `the devices card once the fault is gone; the employee saw: ${again.told}`);
    await fileRequest(lab, employee, again.devices);
    notes.finished = 'asked again: request filed, card in the helpdesk’s 1:1';
    notes.resets = 'n/a (no reset before approval)';
  },
};


const TOKEN_PATH = '/oauth2/v2.0/token';
const OBO_CALL = 'token endpoint: on-behalf-of at an agent’s sign-in';
const APP_TOKEN_CALL = 'token endpoint: client credentials (the bot’s app-only token)';

/** Ask again every 2 s until `attempt` succeeds (msal refuses similar requests for a while after a 5xx). */
async function retryUntil(what: string, attempt: () => Promise<boolean>, limitMs = 75_000): Promise<{ attempts: number; ms: number }> {
  const started = Date.now();
  for (let attempts = 1; ; attempts++) {
    if (await attempt()) return { attempts, ms: Date.now() - started };
    if (Date.now() - started > limitMs) throw new Error(`${what}: still failing after ${attempts} attempts`);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

/**
 * The token endpoint fails (1) during Kenji's sign-in (on-behalf-of) and (2) when the bot first
 * needs its own app-only token for an employee's device list. Both are told; both ask again until
 * it works — msal itself refuses similar requests for up to 60 s after a 5xx (see the table).
 */
const tokenColumn: Column = {
  calls: [OBO_CALL, APP_TOKEN_CALL],
  async run(lab, fault, [obo, app], key) {
    const target = addTarget(lab, `${key}t`);
    const employee = addTarget(lab, `${key}e`);
    const kenjiChat = chatOf(lab, kenji).id;

    // (1) Kenji's first request needs a sign-in; Entra fails the exchange.
    let mark = lab.teams.sent.length;
    await lab.teams.sendMessage(kenji, chatOf(lab, kenji), `reset PIN for ${target.upn}`);
    const oauth = await lab.teams.waitFor(() => oauthCardSince(lab, kenji, mark), 15_000, 'an OAuthCard');
    mark = lab.teams.sent.length;
    lab.sim.injectFault({ method: 'POST', path: TOKEN_PATH, ...fault.rule(), times: UNTIL_CLEARED });
    let started = Date.now();
    const exchanged = await exchange(lab, kenji, oauth).finally(() => lab.sim.clearFaults());
    const oboTold = seenSince(lab, kenjiChat, mark);
    obo!.told = `${firstSentence(oboTold) || '(nothing)'} (exchange answered ${exchanged.status} after ${((Date.now() - started) / 1000).toFixed(1)} s)`;
    assert.equal(exchanged.status, 412, 'Teams learns the exchange failed');
    assertTold(oboTold, 'auth.unexpected', OBO_CALL);
    const oboCleared = Date.now();

    // (2) The employee's first self-service request needs the bot's own token; Entra fails it.
    lab.sim.injectFault({ method: 'POST', path: TOKEN_PATH, ...fault.rule(), times: UNTIL_CLEARED });
    started = Date.now();
    const asked = await askSelfService(lab, employee).finally(() => lab.sim.clearFaults());
    app!.told = `${firstSentence(asked.told)} (after ${((Date.now() - started) / 1000).toFixed(1)} s)`;
    assert.equal(asked.devices, undefined, 'no device card without a token');
    assertTold(asked.told, 'auth.unexpected', APP_TOKEN_CALL);
    const appCleared = Date.now();

    // Both ask again until it works, at the same time.
    await Promise.all([
      (async () => {
        const done = await retryUntil('Kenji’s sign-in', async () => {
          const retryMark = lab.teams.sent.length;
          const again = await askReset(lab, target, kenji);
          let confirm = again.confirm;
          if (!confirm) {
            const card = oauthCardSince(lab, kenji, retryMark);
            assert.ok(card, `a sign-in card; Kenji saw: ${again.told}`);
            if ((await exchange(lab, kenji, card)).status !== 200) return false;
            // The waiting request resumes: its confirmation card arrives.
            confirm = await lab.teams.waitFor(
              () => lab.teams.sent.slice(retryMark).find((a) => a.conversationId === kenjiChat && executeActions(adaptiveCardOf(a)).some((x) => x.verb === 'confirm')),
              15_000,
              'the confirmation after sign-in',
            );
          }
          const end = await confirmReset(lab, target, confirm, kenji);
          assert.equal(end.state, 'done', `the reset finishes; Kenji saw: ${end.told}`);
          return true;
        });
        const seconds = (Date.now() - oboCleared) / 1000;
        obo!.finished = `signed in on attempt ${done.attempts + 1}, ${seconds.toFixed(0)} s after the fault cleared; passcode in the 1:1`;
        obo!.short = `${SHORT['auth.unexpected']}; finished${seconds > 20 ? ` after ${seconds.toFixed(0)} s (msal)` : ''}`;
        obo!.resets = resetCount(lab, target, 1);
      })(),
      (async () => {
        const done = await retryUntil('the employee’s device list', async () => {
          const again = await askSelfService(lab, employee);
          if (!again.devices) {
            assertTold(again.told, 'auth.unexpected', APP_TOKEN_CALL);
            return false;
          }
          await fileRequest(lab, employee, again.devices);
          return true;
        });
        const seconds = (Date.now() - appCleared) / 1000;
        app!.finished = `devices shown on attempt ${done.attempts + 1}, ${seconds.toFixed(0)} s after the fault cleared; request filed`;
        app!.short = `${SHORT['auth.unexpected']}; filed${seconds > 20 ? ` after ${seconds.toFixed(0)} s (msal)` : ''}`;
        app!.resets = 'n/a (no reset before approval)';
      })(),
    ]);
  },
};

const COLUMNS: readonly Column[] = [
  // A UPN brings the user and their devices in one `$batch`; a part that fails is asked again on its own.
  single(readOnStart('user and devices `POST /beta/$batch` (UPN given)', { method: 'POST', path: /\/\$batch$/ })),
  single(readOnStart('user lookup `GET /users` (in the batch, then on its own)', { method: 'GET', path: /^\/(v1\.0|beta)\/users$/ })),
  single(membershipColumn),
  single(readOnStart('device list `GET /users/{upn or id}/managedDevices` (in the batch, then on its own)', { method: 'GET', path: /\/users\/[^/]+\/managedDevices$/ })),
  single(resetPostColumn),
  single(resetPostAfterActingColumn),
  single(resultsReadColumn),
  // First in these deployments to need the app-only token, so that it is not cached yet.
  tokenColumn,
  single(appOnlyReadColumn),
];

// ---------------------------------------------------------------------------------------------

describe('Faults: Graph, token endpoint and storage failures are told clearly, reset once, and can be finished (fault table)', function () {
  this.timeout(120_000);
  const table = new FaultTable();
  let azurite: RunningAzurite;
  let labs: Lab[] = [];

  before(async function () {
    this.timeout(60_000);
    azurite = await startAzurite();
    labs = await Promise.all(FAULTS.map((_, i) => startLab({ azurite, namespace: `faults${i}` })));
    await Promise.all(labs.map((lab) => signIn(lab, hana)));
  });

  after(async function () {
    this.timeout(60_000);
    await Promise.all(labs.map((lab) => lab.stop()));
    await azurite?.stop();
    table.publish('Fault table: fault × call → outcome', FAULTS.map((fault) => fault.label));
  });

  /** Run one extra case into the table: its row is written whether it passes or not. */
  async function extraCase(call: string, fault: string, run: (notes: CaseNotes) => Promise<void>): Promise<void> {
    const notes = new CaseNotes();
    try {
      await run(notes);
      table.add({ call, fault, ...notes, ok: true });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      table.add({ call, fault, ...notes, finished: `${notes.finished} — FAILED: ${firstSentence(reason, 300)}`, ok: false });
      throw error;
    }
  }

  COLUMNS.forEach((column, columnIndex) => {
    it(`${column.calls.join('; ')}: every fault is told clearly, resets at most once per confirmation, and finishes once cleared`, async () => {
      const cases = FAULTS.map((fault, i) => ({ fault, notes: column.calls.map(() => new CaseNotes()), lab: labs[i]! }));
      const results = await Promise.allSettled(cases.map(({ fault, notes, lab }, i) => column.run(lab, fault, notes, `c${columnIndex}f${i}`)));
      column.calls.forEach((call, c) => {
        cases.forEach(({ fault, notes }, i) => {
          const result = results[i]!;
          const failed = result.status === 'rejected' ? `FAILED: ${firstSentence(result.reason instanceof Error ? result.reason.message : String(result.reason), 300)}` : '';
          table.add({ call, fault: fault.label, ...notes[c]!, ...(failed ? { finished: `${notes[c]!.finished} — ${failed}` } : {}), ok: !failed });
        });
      });
      const failures = results.flatMap((r, i) => (r.status === 'rejected' ? [`${FAULTS[i]!.label}: ${r.reason instanceof Error ? r.reason.message : String(r.reason)}`] : []));
      assert.deepEqual(failures, [], failures.join('\n'));
    });
  });

  describe('beyond Graph answers', () => {
    let lab: Lab;
    const STUCK_WAIT_MS = 4_000;

    before(async function () {
      this.timeout(30_000);
      lab = await startLab({ azurite, namespace: 'faultsextra', timing: { ...TIMING, reset: { ...TIMING.reset, maxWaitMs: STUCK_WAIT_MS } } });
      await signIn(lab, hana);
    });
    after(async () => {
      await lab?.stop();
    });

    it('a reset still pending past our wait: told not to reset again; once the device reports, "show passcode" shows it privately', async () => {
      await extraCase('reset result in Intune', `stays pending past our wait (${STUCK_WAIT_MS / 1000} s here, 3 min in production)`, async (notes) => {
        const target = addTarget(lab, 'stuck');
        lab.sim.setActionOutcome(target.deviceId, 'stuck');
        const asked = await askReset(lab, target);
        assert.ok(asked.confirm);
        const end = await confirmReset(lab, target, asked.confirm);
        notes.told = firstSentence(end.failure ? whatOf(end.failure) : end.told);
        assert.equal(end.state, 'failed');
        assertTold(end.told, 'reset.timedOut', 'stuck reset');
        assert.ok(end.told.includes(t('en', 'error.reset.timedOut.next')), 'told not to start another reset');
        assert.equal(lab.sim.resetPostCount(target.deviceId), 1);

        // The device checks in: Intune finishes the action with a passcode.
        const pending = lab.sim.tenant.devices.find((d) => d.id === target.deviceId)!.deviceActionResults.at(-1)!;
        Object.assign(pending, { actionState: 'done', passcode: '40417723', lastUpdatedDateTime: new Date().toISOString() });
        const chat = chatOf(lab, hana);
        const mark = lab.teams.sent.length;
        await lab.teams.sendMessage(hana, chat, `show passcode for ${target.upn} because the phone checked in late`);
        await lab.teams.waitFor(() => lab.teams.sent.slice(mark).some((a) => a.conversationId === chat.id && cardText(adaptiveCardOf(a)).includes('40417723')), 15_000, 'the passcode card');
        notes.finished = '`show passcode for … because …`: the passcode, privately';
        notes.short = 'told “not reported in time, do not reset again”';
        notes.resets = resetCount(lab, target, 1);
        assert.equal(executedResets(lab, target.deviceId), 1);
      });
    });

    it('Intune reports the reset failed with an error code: the agent sees the code and the admin center link; a later reset works', async () => {
      await extraCase('reset result in Intune', '`failed`, errorCode -2016341112', async (notes) => {
        const target = addTarget(lab, 'failing');
        lab.sim.setActionOutcome(target.deviceId, 'failed', -2016341112);
        const asked = await askReset(lab, target);
        assert.ok(asked.confirm);
        const end = await confirmReset(lab, target, asked.confirm);
        notes.told = `${firstSentence(whatOf('reset.failed'))} (with the code and the Intune admin center link)`;
        assert.equal(end.state, 'failed');
        assertTold(end.told, 'reset.failed', 'failed reset');
        const shown = lab.teams.sent.filter((a) => a.id === asked.confirm!.id).map((a) => JSON.stringify(a.raw)).join('\n');
        assert.match(shown, /-2016341112/, 'the error code is shown');
        assert.match(shown, new RegExp(`mdmDeviceId/${target.deviceId}`), 'the admin center link is shown');
        lab.sim.setActionOutcome(target.deviceId, 'done');
        await resetToTheEnd(lab, target);
        notes.finished = 'fixed in Intune, asked again: passcode in the 1:1';
        notes.short = 'told the code and the admin center link';
        notes.resets = resetCount(lab, target, 2);
        assert.equal(lab.sim.resetPostCount(target.deviceId), 2, 'one POST per confirmation');
      });
    });

    it('Graph fails when Kenji approves a request in the approvals channel: he is told, the request stays open, a later Approve finishes it', async () => {
      await extraCase('membership `POST /me/checkMemberGroups` at Approve (self-service)', '503 until cleared', async (notes) => {
        const channel: ConversationSpec = { id: '19:helpdesk-approvals@thread.tacv2', kind: 'channel', tenantId: lab.tenantId };
        await lab.teams.sendMessage(hana, channel, 'use this channel for approvals');
        await lab.teams.waitFor(() => lab.teams.inConversation(channel.id).some((a) => /will appear in this channel/i.test(a.text ?? '')), 15_000, 'the approvals channel set');
        const employee = addTarget(lab, 'approval');
        const asked = await askSelfService(lab, employee);
        assert.ok(asked.devices);
        const action = executeActions(adaptiveCardOf(asked.devices)).find((x) => x.verb === 'fileRequest' && x.data.deviceId === employee.deviceId)!;
        await lab.teams.clickExecute(employee.user, chatOf(lab, employee.user), asked.devices.id, 'fileRequest', { ...action.data, justification: 'Locked out' });
        const requestCard = await lab.teams.waitFor(
          () => visible(lab.teams.inConversation(channel.id)).reverse().find((a) => executeActions(adaptiveCardOf(a)).some((x) => x.verb === 'approveRequest') && cardText(adaptiveCardOf(a)).includes(employee.user.name)),
          15_000,
          'the request card in the channel',
        );
        const approve = executeActions(adaptiveCardOf(requestCard)).find((x) => x.verb === 'approveRequest')!;
        // Kenji has never been asked about: his first click carries his SSO token (Teams' loginRequest).
        const click = (withToken: boolean) =>
          lab.teams.post({
            ...lab.teams.envelope(kenji, channel, 'en-US'),
            type: 'invoke',
            name: 'adaptiveCard/action',
            replyToId: requestCard.id,
            value: {
              action: { type: 'Action.Execute', verb: 'approveRequest', data: approve.data },
              trigger: 'manual',
              ...(withToken ? { authentication: { token: lab.sim.signSsoToken(kenji.aadObjectId) } } : {}),
            },
          });
        lab.sim.injectFault({ method: 'POST', path: '/checkMemberGroups', status: 503, times: UNTIL_CLEARED });
        const refused = await click(true).finally(() => lab.sim.clearFaults());
        notes.told = firstSentence(answerText(refused));
        notes.short = 'told “not answering”; request still open; approved later';
        assertTold(answerText(refused), 'graph.unavailable', 'approve');
        assert.equal((await lab.app.state.requests.get(String(approve.data.requestId)))?.state, 'open', 'the request is still open');
        assert.equal(lab.sim.resetPostCount(employee.deviceId), 0);
        const approved = await click(false);
        assert.match(answerText(approved), /Approved by Kenji Sato/, `approved; Kenji saw: ${answerText(approved)}`);
        const kenjiChat = chatOf(lab, kenji);
        const question = await lab.teams.waitFor(
          () => visible(lab.teams.inConversation(kenjiChat.id)).reverse().find((x) => executeActions(adaptiveCardOf(x)).some((y) => y.verb === 'verifyIdentity')),
          20_000,
          'the identity question in Kenji’s 1:1',
        );
        const verify = executeActions(adaptiveCardOf(question)).find((x) => x.verb === 'verifyIdentity')!;
        const revealed = await lab.teams.clickExecute(kenji, kenjiChat, question.id, 'verifyIdentity', { ...verify.data, method: 'inPerson', note: '' });
        const passcode = intunePasscode(lab, employee.deviceId);
        assert.ok(passcode && answerText(revealed).includes(passcode), 'the passcode is revealed to Kenji');
        notes.finished = 'Approve again: reset, identity verified, passcode in Kenji’s 1:1';
        notes.resets = `${lab.sim.resetPostCount(employee.deviceId)} POST, ${executedResets(lab, employee.deviceId)} executed / 1 approval`;
        assert.equal(lab.sim.resetPostCount(employee.deviceId), 1);
      });
    });
  });

  it('two writers on one flow (Yes clicked at the same moment on two bot instances sharing Azure Storage): one wins, one reset', async () => {
    await extraCase('flow record in Azure Storage (compare-and-set)', 'two instances write the same flow at the same moment', async (notes) => {
      const a = await startLab({ azurite, namespace: 'faultscas' });
      const b = await startLab({ azurite, namespace: 'faultscas', sim: a.sim });
      try {
        // Hana signs in on one instance; the shared token cache gives her a session on both, so both
        // clicks go straight to the flow.
        await signIn(a, hana);
        const target = addTarget(a, 'race');
        b.teams.addUser(target.user);
        const asked = await askReset(a, target);
        assert.ok(asked.confirm);
        const yes = executeActions(adaptiveCardOf(asked.confirm)).find((x) => x.verb === 'confirm')!;
        const data = { ...yes.data, reason: 'INC-77' };
        const chatA = chatOf(a, hana);
        const marks = [a.teams.sent.length, b.teams.sent.length];
        const answers = await Promise.all([
          a.teams.clickExecute(hana, chatA, asked.confirm.id, 'confirm', data),
          b.teams.clickExecute(hana, chatOf(b, hana), asked.confirm.id, 'confirm', data),
        ]);
        answers.forEach((answer) => assert.equal(answer.status, 200));
        const flowId = String(yes.data.flowId);
        const flow = await until(async () => {
          const current = await a.app.state.flows.get(flowId);
          return current && ['done', 'failed'].includes(current.state) ? current : undefined;
        }, 20_000, 'the reset to end');
        assert.equal(flow.state, 'done');
        // The losing click is told why nothing happened, and sees the card as it is now.
        const said = [a, b].map((lab, i) => `${answerText(answers[i]!)}\n${seenSince(lab, chatOf(lab, hana).id, marks[i]!)}`);
        said.forEach((text, i) => assertPolite(text, `click ${i}`));
        const refusal = [...a.logLines, ...b.logLines].map((line) => /"bot\.card\.actionRefused".*"errorCode":"([\w.]+)"/.exec(line)?.[1]).find(Boolean);
        assert.ok(refusal === 'flow.stale' || refusal === 'flow.finished', `one click lost (${refusal})`);
        const loserText = said.find((text) => text.includes(whatOf(refusal as ErrorCode))) ?? '';
        assert.ok(loserText, `the losing click is told: ${whatOf(refusal as ErrorCode)}`);
        notes.told = `the losing click (${refusal === 'flow.stale' ? 'lost the If-Match write' : 'found it already confirmed'}): ${firstSentence(whatOf(refusal as ErrorCode))}`;
        notes.short = 'one wins, the other told; 1 POST';
        const passcodeCards = () => [...a.teams.sent, ...b.teams.sent].filter((x) => executeActions(adaptiveCardOf(x)).some((y) => y.verb === 'hidePasscode') && !x.updated);
        await until(() => passcodeCards().length > 0, 10_000, 'the passcode card');
        notes.finished = 'the winning click’s reset delivered the passcode, once';
        notes.resets = resetCount(a, target, 1);
        assert.equal(a.sim.resetPostCount(target.deviceId), 1, 'one reset for one confirmation');
        assert.equal(passcodeCards().length, 1, 'the passcode is delivered once');
      } finally {
        await b.stop();
        await a.stop();
      }
    });
  });

  it('Azure Storage stopped and restarted mid-flow: the users are told storage is out of reach and nothing was lost, the pending approval survives, and it can be finished', async function () {
    this.timeout(150_000);
    await extraCase('Azure Storage (Azurite) as a whole', 'stopped with a request awaiting approval, restarted (data kept)', async (notes) => {
      const folder = mkdtempSync(path.join(os.tmpdir(), 'passcodedesk-azurite-'));
      const store = await startAzurite({ location: folder });
      const lab = await startLab({ azurite: store, namespace: 'faultsrestart' });
      try {
        await signIn(lab, hana);
        const employee = addTarget(lab, 'restart');
        const asked = await askSelfService(lab, employee);
        assert.ok(asked.devices, `the devices card; the employee saw: ${asked.told}`);
        const requestCard = await fileRequest(lab, employee, asked.devices);
        const approve = executeActions(adaptiveCardOf(requestCard)).find((x) => x.verb === 'approveRequest')!;
        const requestId = String(approve.data.requestId);
        const hanaChat = chatOf(lab, hana);

        await store.stop();
        // While storage is down: the agent's click and the employee's question (Teams in Japanese)
        // are answered with what happened: storage out of reach, nothing lost, try again shortly.
        const employeeChat = chatOf(lab, employee.user);
        const mark = lab.teams.sent.length;
        const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
          const started = Date.now();
          const result = await work();
          return [result, Date.now() - started];
        };
        const [[approvedWhileDown, clickMs], [, messageMs]] = await Promise.all([
          timed(() => lab.teams.clickExecute(hana, hanaChat, requestCard.id, 'approveRequest', approve.data)),
          timed(() => lab.teams.sendMessage(employee.user, employeeChat, 'my requests', 'ja-JP')),
        ]);
        const clickText = answerText(approvedWhileDown);
        const employeeText = seenSince(lab, employeeChat.id, mark);
        notes.told = `agent’s Approve, answered after ${(clickMs / 1000).toFixed(1)} s: ${firstSentence(clickText) || '(nothing)'}; employee’s “my requests” (Japanese), after ${(messageMs / 1000).toFixed(1)} s: ${firstSentence(employeeText) || '(nothing)'}`;
        // Teams stops waiting for an invoke's answer after about 15 s; a slower answer is lost there.
        const teamsWaits = 15_000;
        if (clickMs > teamsWaits) notes.told += ` — NOTE: the Approve answer took longer than Teams waits (~${teamsWaits / 1000} s)`;
        notes.short = 'told “storage out of reach, nothing lost, try again in a minute”; approved after restart';
        assertTold(clickText, 'state.unavailable', 'approve while storage is down');
        assert.ok(clickText.includes(t('en', 'error.state.unavailable.next')), `Hana is told to try again shortly: ${clickText}`);
        assertPolite(employeeText, 'my requests while storage is down');
        assert.ok(employeeText.includes(t('ja', 'error.state.unavailable.what')), `the employee is told in Japanese; they saw: ${employeeText}`);
        assert.equal(lab.sim.resetPostCount(employee.deviceId), 0, 'nothing is reset while the approval cannot be recorded');

        await store.restart();
        const survived = await lab.app.state.requests.get(requestId);
        assert.equal(survived?.state, 'open', 'the pending approval survived the restart');
        const approved = await lab.teams.clickExecute(hana, hanaChat, requestCard.id, 'approveRequest', approve.data);
        assert.match(answerText(approved), /Approved by Hana Suzuki/, `approved once storage is back; Hana saw: ${answerText(approved)}`);
        const question = await lab.teams.waitFor(
          () => visible(lab.teams.inConversation(hanaChat.id)).reverse().find((x) => executeActions(adaptiveCardOf(x)).some((y) => y.verb === 'verifyIdentity')),
          20_000,
          'the identity question',
        );
        const verify = executeActions(adaptiveCardOf(question)).find((x) => x.verb === 'verifyIdentity')!;
        const revealed = await lab.teams.clickExecute(hana, hanaChat, question.id, 'verifyIdentity', { ...verify.data, method: 'callBack', note: '' });
        const passcode = intunePasscode(lab, employee.deviceId);
        assert.ok(passcode && answerText(revealed).includes(passcode), 'the passcode is revealed to Hana');
        notes.finished = 'approved after the restart, identity verified, passcode in Hana’s 1:1';
        notes.resets = `${lab.sim.resetPostCount(employee.deviceId)} POST, ${executedResets(lab, employee.deviceId)} executed / 1 approval`;
        assert.equal(lab.sim.resetPostCount(employee.deviceId), 1);
      } finally {
        await lab.stop();
        await store.stop();
        rmSync(folder, { recursive: true, force: true });
      }
    });
  });
});
