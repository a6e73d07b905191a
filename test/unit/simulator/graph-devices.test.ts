import assert from 'node:assert/strict';
import { DEMO_DEVICES, DEMO_USERS, RESET_FAILED_ERROR_CODE, type RunningSimulator, type SimActionResult } from '../../../src/simulator';
import { appToken, call, delegatedToken, graphErrorOf, sleep, startTestSimulator, waitFor } from './helpers';

type Device = Record<string, unknown> & { deviceActionResults?: SimActionResult[] };
const RESET_SCOPE = 'https://graph.microsoft.com/DeviceManagementManagedDevices.PrivilegedOperations.All';
/** Long enough that a read right after the POST still sees pending, even on a busy machine. */
const ACTION_DELAY_MS = 300;

describe('simulator Graph: managed devices and resetPasscode', () => {
  let sim: RunningSimulator;
  let hana: string;

  beforeEach(async () => {
    sim = await startTestSimulator({ actionDelayMs: ACTION_DELAY_MS });
    hana = await delegatedToken(sim, DEMO_USERS.hanaSuzuki);
  });
  afterEach(() => sim.close());

  const devicesOf = async (version: string, user: string, query = '') =>
    ((await call(sim, 'GET', `/${version}/users/${user}/managedDevices${query}`, { token: hana })).body as { value: Device[] }).value;
  const actionResults = async (id: string) =>
    ((await call(sim, 'GET', `/v1.0/deviceManagement/managedDevices/${id}?$select=deviceActionResults`, { token: hana })).body as Device)
      .deviceActionResults ?? [];
  const newestReset = async (id: string) => (await actionResults(id)).filter((r) => r.actionName === 'resetPasscode').at(-1);
  const settled = (id: string) =>
    waitFor(async () => {
      const result = await newestReset(id);
      return result && result.actionState !== 'pending' ? result : undefined;
    });
  const reset = (id: string, token = hana) => call(sim, 'POST', `/v1.0/deviceManagement/managedDevices/${id}/resetPasscode`, { token });

  it("lists a user's devices by UPN or id", async () => {
    const byUpn = await devicesOf('v1.0', 'alice@contoso.com');
    const byId = await devicesOf('v1.0', DEMO_USERS.aliceSmith);
    assert.deepEqual(byUpn.map((d) => d.deviceName).sort(), ['ALICE-LUMIA', 'ALICE-SURFACE', "Alice's iPhone"]);
    assert.deepEqual(byId.map((d) => d.id), byUpn.map((d) => d.id));
    assert.deepEqual(await devicesOf('v1.0', DEMO_USERS.priyaPatel), []);
  });

  it('v1.0 leaves out the beta-only properties; beta has them', async () => {
    const v1 = (await devicesOf('v1.0', 'alice@contoso.com')).find((d) => d.id === DEMO_DEVICES.aliceLumia);
    const beta = (await devicesOf('beta', 'alice@contoso.com')).find((d) => d.id === DEMO_DEVICES.aliceLumia);
    for (const p of ['deviceType', 'chassisType', 'joinType', 'skuFamily']) {
      assert.equal(v1 && p in v1, false, `v1.0 has ${p}`);
    }
    assert.equal(beta?.deviceType, 'windowsPhone');
    assert.equal(beta?.chassisType, 'phone');
    assert.equal(beta?.joinType, 'azureADJoined');
    assert.equal(v1?.operatingSystem, 'Windows');
    assert.equal(v1?.osVersion, '10.0.15063.1418');
  });

  it('a v1.0 $select naming a beta-only property is a 400; in beta it works', async () => {
    const v1 = await call(sim, 'GET', '/v1.0/users/alice@contoso.com/managedDevices?$select=id,deviceType', { token: hana });
    assert.equal(v1.status, 400);
    assert.match(graphErrorOf(v1).message, /deviceType/);
    const beta = await devicesOf('beta', 'alice@contoso.com', '?$select=id,deviceType,chassisType');
    assert.deepEqual(Object.keys(beta[0] ?? {}).sort(), ['chassisType', 'deviceType', 'id']);
  });

  it('the Windows laptop on build 15063 and the phone look alike in v1.0 and differ in beta', async () => {
    const v1 = await devicesOf('v1.0', 'alice@contoso.com', '?$select=id,operatingSystem,osVersion');
    const laptop = v1.find((d) => d.id === DEMO_DEVICES.aliceLaptop);
    assert.equal(laptop?.operatingSystem, 'Windows');
    assert.match(String(laptop?.osVersion), /^10\.0\.15063\./);
    const beta = await devicesOf('beta', 'alice@contoso.com', '?$select=id,chassisType,deviceType');
    assert.equal(beta.find((d) => d.id === DEMO_DEVICES.aliceLaptop)?.chassisType, 'laptop');
  });

  it('Intune ignores a $filter it does not support and returns every device', async () => {
    const filter = encodeURIComponent(`userId eq '${DEMO_USERS.aliceSmith}'`);
    const answer = await call(sim, 'GET', `/v1.0/deviceManagement/managedDevices?$filter=${filter}`, { token: hana });
    assert.equal(answer.status, 200);
    assert.equal((answer.body as { value: Device[] }).value.length, sim.tenant.devices.length);
  });

  it('Intune applies a supported eq filter', async () => {
    const filter = encodeURIComponent("operatingSystem eq 'macOS'");
    const answer = await call(sim, 'GET', `/v1.0/deviceManagement/managedDevices?$filter=${filter}`, { token: hana });
    assert.deepEqual((answer.body as { value: Device[] }).value.map((d) => d.id), [DEMO_DEVICES.seanMac]);
  });

  it('an unknown device is a 404 in Intune style', async () => {
    const answer = await call(sim, 'GET', '/v1.0/deviceManagement/managedDevices/00000000-0000-4000-8000-000000000000', { token: hana });
    assert.equal(answer.status, 404);
    assert.equal(graphErrorOf(answer).code, 'ResourceNotFound');
  });

  it('a reset answers 204 with no body, and its result goes pending then done with an 8-digit passcode', async () => {
    const before = Date.now();
    const answer = await reset(DEMO_DEVICES.aliceLumia);
    assert.equal(answer.status, 204);
    assert.equal(answer.body, undefined);

    const pending = await newestReset(DEMO_DEVICES.aliceLumia);
    assert.equal(pending?.['@odata.type'], '#microsoft.graph.resetPasscodeActionResult');
    assert.equal(pending?.actionState, 'pending');
    assert.equal(pending?.passcode, null);
    assert.equal(pending?.errorCode, 0);
    assert.ok(Date.parse(pending?.startDateTime ?? '') >= before - 5);
    // older results of other actions stay
    assert.ok((await actionResults(DEMO_DEVICES.aliceLumia)).some((r) => r.actionName === 'syncDevice'));

    const done = await settled(DEMO_DEVICES.aliceLumia);
    assert.equal(done?.actionState, 'done');
    assert.match(String(done?.passcode), /^\d{8}$/);
    assert.equal(done?.startDateTime, pending?.startDateTime);
    assert.equal(sim.resetPostCount(DEMO_DEVICES.aliceLumia), 1);
  });

  it('each reset gets a fresh passcode and a new entry', async () => {
    await reset(DEMO_DEVICES.taroPhone1);
    const first = await settled(DEMO_DEVICES.taroPhone1);
    await reset(DEMO_DEVICES.taroPhone1);
    await waitFor(async () => ((await newestReset(DEMO_DEVICES.taroPhone1))?.actionState === 'done' ? true : undefined));
    const resets = (await actionResults(DEMO_DEVICES.taroPhone1)).filter((r) => r.actionName === 'resetPasscode');
    assert.equal(resets.length, 2);
    assert.ok(resets.every((r) => r.actionState === 'done'));
    assert.equal(resets[0]?.passcode, first.passcode);
    assert.notEqual(resets[1]?.startDateTime, resets[0]?.startDateTime);
    assert.equal(sim.resetPostCount(), 2);
  });

  it("the seeded failing device ends failed with Intune's error code", async () => {
    await reset(DEMO_DEVICES.emmaFailingPhone);
    const result = await settled(DEMO_DEVICES.emmaFailingPhone);
    assert.equal(result?.actionState, 'failed');
    assert.equal(result?.errorCode, RESET_FAILED_ERROR_CODE);
    assert.equal(result?.passcode, null);
  });

  it('setActionOutcome makes a reset stay pending, or fail with a chosen code', async () => {
    sim.setActionOutcome(DEMO_DEVICES.aliceLumia, 'stuck');
    await reset(DEMO_DEVICES.aliceLumia);
    await sleep(ACTION_DELAY_MS + 100);
    assert.equal((await newestReset(DEMO_DEVICES.aliceLumia))?.actionState, 'pending');

    sim.setActionOutcome(DEMO_DEVICES.taroPhone2, 'failed', -1);
    await reset(DEMO_DEVICES.taroPhone2);
    const failed = await settled(DEMO_DEVICES.taroPhone2);
    assert.equal(failed?.actionState, 'failed');
    assert.equal(failed?.errorCode, -1);
  });

  it('a user without an Intune role is refused with 403, Intune JSON inside message', async () => {
    const marco = await delegatedToken(sim, DEMO_USERS.marcoRossi);
    const answer = await reset(DEMO_DEVICES.aliceLumia, marco);
    assert.equal(answer.status, 403);
    const error = graphErrorOf(answer);
    assert.equal(error.code, 'Forbidden');
    const inner = JSON.parse(error.message) as { _version: number; Message: string };
    assert.equal(inner._version, 3);
    assert.match(inner.Message, /not authorized/);
    assert.equal((await actionResults(DEMO_DEVICES.aliceLumia)).filter((r) => r.actionName === 'resetPasscode').length, 0);
  });

  it("a device outside the agent's role scope is refused with 403; inside it works", async () => {
    const kenji = await delegatedToken(sim, DEMO_USERS.kenjiSato);
    assert.equal((await reset(DEMO_DEVICES.oliverOutOfScopePhone, kenji)).status, 403);
    assert.equal((await reset(DEMO_DEVICES.aliceLumia, kenji)).status, 204);
    assert.equal((await reset(DEMO_DEVICES.oliverOutOfScopePhone)).status, 204);
  });

  it('a token without the PrivilegedOperations scope, or an app-only token, cannot reset', async () => {
    const readOnly = sim.tenant.app.delegatedPermissions;
    sim.tenant.app.delegatedPermissions = readOnly.filter((p) => !p.includes('PrivilegedOperations'));
    const limited = await delegatedToken(sim, DEMO_USERS.hanaSuzuki, 'https://graph.microsoft.com/User.Read');
    sim.tenant.app.delegatedPermissions = readOnly;
    assert.equal((await reset(DEMO_DEVICES.aliceLumia, limited)).status, 403);
    assert.equal((await reset(DEMO_DEVICES.aliceLumia, await appToken(sim))).status, 403);
    const full = await delegatedToken(sim, DEMO_USERS.hanaSuzuki, RESET_SCOPE);
    assert.equal((await reset(DEMO_DEVICES.aliceLumia, full)).status, 204);
  });

  it('an app-only token reads devices (Read.All granted) and users', async () => {
    const app = await appToken(sim);
    const devices = await call(sim, 'GET', `/v1.0/users/${DEMO_USERS.aliceSmith}/managedDevices`, { token: app });
    assert.equal(devices.status, 200);
    const users = await call(sim, 'GET', '/v1.0/users?$top=1', { token: app });
    assert.equal(users.status, 200);
  });

  it('GET on the reset action is not allowed, and POST on a device is not either', async () => {
    assert.equal((await call(sim, 'GET', `/v1.0/deviceManagement/managedDevices/${DEMO_DEVICES.aliceLumia}/resetPasscode`, { token: hana })).status, 405);
    assert.equal((await call(sim, 'POST', `/v1.0/deviceManagement/managedDevices/${DEMO_DEVICES.aliceLumia}`, { token: hana })).status, 405);
  });

  it("Intune's write limit answers 429 with Retry-After once exceeded", async () => {
    await sim.close();
    sim = await startTestSimulator({ intuneWriteLimit: { requests: 2, windowMs: 10_000 } });
    hana = await delegatedToken(sim, DEMO_USERS.hanaSuzuki);
    assert.equal((await reset(DEMO_DEVICES.taroPhone1)).status, 204);
    assert.equal((await reset(DEMO_DEVICES.taroPhone2)).status, 204);
    const throttled = await reset(DEMO_DEVICES.aliceLumia);
    assert.equal(throttled.status, 429);
    assert.equal(graphErrorOf(throttled).code, 'TooManyRequests');
    assert.match(throttled.headers.get('retry-after') ?? '', /^\d+$/);
    assert.equal((await actionResults(DEMO_DEVICES.aliceLumia)).filter((r) => r.actionName === 'resetPasscode').length, 0);
  });
});
