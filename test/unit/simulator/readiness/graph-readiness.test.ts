import assert from 'node:assert/strict';
import { DEMO_HELPDESK_GROUP_ID, DEMO_USERS, type RunningSimulator } from '../../../../src/simulator';
import {
  accountProtectionIntent,
  androidCompliance,
  androidDeviceOwnerRestrictions,
  customPinRecoveryConfiguration,
  groupAssignment,
  identityProtectionProfile,
  PIN_RESET_CLIENT_APP_ID,
  PIN_RESET_SERVICE_APP_ID,
  settingsCatalogPinRecovery,
} from '../../../../src/simulator/readiness/seed';
import { appToken, call, delegatedToken, graphErrorOf, startTestSimulator } from '../helpers';

const ALL_STAFF = 'e1a2b3c4-1111-4aaa-8bbb-00000000a003';
type List = { value: Array<Record<string, unknown>> };

describe('simulator Graph: readiness endpoints', () => {
  let sim: RunningSimulator;
  let hana: string;

  beforeEach(async () => {
    sim = await startTestSimulator();
    hana = await delegatedToken(sim, DEMO_USERS.hanaSuzuki);
  });
  afterEach(() => sim.close());

  const readiness = () => sim.tenant.readiness!;
  const get = (path: string, token = hana) => call(sim, 'GET', path, { token });
  const post = (path: string, json: unknown, token = hana) => call(sim, 'POST', path, { token, json });

  describe('enterprise applications, organization, groups', () => {
    it("finds a service principal by $filter=appId eq '…', and nothing for an app the tenant lacks", async () => {
      const found = await get(`/v1.0/servicePrincipals?$filter=appId eq '${PIN_RESET_CLIENT_APP_ID}'&$select=id,appId,displayName`);
      assert.equal(found.status, 200);
      assert.deepEqual((found.body as List).value, [
        { id: '7a1c2e40-0000-4000-8000-0000000000a2', appId: PIN_RESET_CLIENT_APP_ID, displayName: 'Microsoft Pin Reset Client Production' },
      ]);
      readiness().servicePrincipals = [];
      const none = await get(`/v1.0/servicePrincipals?$filter=appId eq '${PIN_RESET_SERVICE_APP_ID}'`);
      assert.deepEqual((none.body as List).value, []);
    });

    it('refuses a filter on a property Entra cannot filter, and a caller without Application.Read.All', async () => {
      const bad = await get("/v1.0/servicePrincipals?$filter=startswith(appId,'b8')");
      assert.equal(bad.status, 400);
      assert.equal(graphErrorOf(bad).code, 'Request_UnsupportedQuery');
      sim.tenant.app.delegatedPermissions = sim.tenant.app.delegatedPermissions.filter((p) => p !== 'Application.Read.All');
      const token = await delegatedToken(sim, DEMO_USERS.hanaSuzuki);
      const denied = await get('/v1.0/servicePrincipals', token);
      assert.equal(denied.status, 403);
      assert.equal(graphErrorOf(denied).code, 'Authorization_RequestDenied');
      assert.ok(graphErrorOf(denied).innerError['request-id']);
    });

    it('GET /organization answers the tenant; app-only needs Organization.Read.All', async () => {
      const org = ((await get('/v1.0/organization')).body as List).value;
      assert.equal(org.length, 1);
      assert.equal(org[0]?.id, sim.tenantId);
      const app = await get('/v1.0/organization?$select=id,displayName', await appToken(sim));
      assert.deepEqual((app.body as List).value, [{ id: sim.tenantId, displayName: 'Contoso' }]);
    });

    it('GET /groups/{id}: the group, or 404 in Entra\'s words; $filter on displayName', async () => {
      const group = await get(`/v1.0/groups/${DEMO_HELPDESK_GROUP_ID}`);
      assert.equal((group.body as Record<string, unknown>).displayName, 'Helpdesk');
      const missing = await get('/v1.0/groups/00000000-0000-4000-8000-000000000000');
      assert.equal(missing.status, 404);
      assert.equal(graphErrorOf(missing).code, 'Request_ResourceNotFound');
      const named = await get(`/v1.0/groups?$filter=displayName eq 'All Staff'&$select=id`);
      assert.deepEqual((named.body as List).value, [{ id: ALL_STAFF }]);
    });
  });

  describe('device configurations', () => {
    it('the Identity protection type exists in beta only', async () => {
      readiness().deviceConfigurations.push(identityProtectionProfile('idp-1'));
      const v1 = ((await get('/v1.0/deviceManagement/deviceConfigurations')).body as List).value.map((c) => c.id);
      const beta = ((await get('/beta/deviceManagement/deviceConfigurations')).body as List).value;
      assert.ok(!v1.includes('idp-1'));
      const profile = beta.find((c) => c.id === 'idp-1');
      assert.equal(profile?.['@odata.type'], '#microsoft.graph.windowsIdentityProtectionConfiguration');
      assert.equal(profile?.pinRecoveryEnabled, true);
      assert.deepEqual(profile?.roleScopeTagIds, ['0']);
    });

    it("creates the seed's custom policy (201), assigns it, and assigning the same group again keeps one assignment", async () => {
      const created = await post('/v1.0/deviceManagement/deviceConfigurations', {
        '@odata.type': '#microsoft.graph.windows10CustomConfiguration',
        displayName: 'PIN recovery',
        omaSettings: [
          { '@odata.type': '#microsoft.graph.omaSettingBoolean', displayName: 'EnablePinRecovery', omaUri: `./Device/Vendor/MSFT/PassportForWork/${sim.tenantId}/Policies/EnablePinRecovery`, value: true },
        ],
      });
      assert.equal(created.status, 201);
      const id = (created.body as { id: string }).id;
      const body = { assignments: [{ target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: ALL_STAFF } }] };
      assert.equal((await post(`/v1.0/deviceManagement/deviceConfigurations/${id}/assign`, body)).status, 200);
      assert.equal((await post(`/v1.0/deviceManagement/deviceConfigurations/${id}/assign`, { assignments: [...body.assignments, ...body.assignments] })).status, 200);
      const assignments = ((await get(`/v1.0/deviceManagement/deviceConfigurations/${id}/assignments`)).body as List).value;
      assert.deepEqual(assignments, [{ id: `${id}_${ALL_STAFF}`, target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: ALL_STAFF } }]);
    });

    it('reports device status: Windows devices of the group succeed, iOS and other platforms show as not applicable', async () => {
      readiness().deviceConfigurations.push(customPinRecoveryConfiguration('cfg-1', sim.tenantId, [groupAssignment('cfg-1', ALL_STAFF)]));
      const overview = (await get('/v1.0/deviceManagement/deviceConfigurations/cfg-1/deviceStatusOverview')).body as Record<string, number>;
      const windows = sim.tenant.devices.filter((d) => d.operatingSystem === 'Windows').length;
      assert.equal(overview.successCount, windows);
      assert.equal(overview.notApplicableCount, sim.tenant.devices.length - windows);
      const statuses = ((await get('/v1.0/deviceManagement/deviceConfigurations/cfg-1/deviceStatuses')).body as List).value;
      assert.equal(statuses.find((s) => s.deviceDisplayName === "Hana's iPhone")?.status, 'notApplicable');
      assert.equal(statuses.find((s) => s.deviceDisplayName === 'ALICE-LUMIA')?.status, 'compliant');
    });

    it('refuses a write without an Intune role that manages configuration, in Intune\'s error format', async () => {
      sim.tenant.users.find((u) => u.id === DEMO_USERS.hanaSuzuki)!.intuneRole = { displayName: 'Help Desk Operator' };
      const denied = await post('/v1.0/deviceManagement/deviceConfigurations', { '@odata.type': '#microsoft.graph.windows10CustomConfiguration', displayName: 'x', omaSettings: [] });
      assert.equal(denied.status, 403);
      const inner = JSON.parse(graphErrorOf(denied).message) as { Message: string };
      assert.match(inner.Message, /not authorized/);
      // Reading still works with the Help Desk Operator role; without any role it does not.
      assert.equal((await get('/v1.0/deviceManagement/deviceConfigurations')).status, 200);
      const marco = await delegatedToken(sim, DEMO_USERS.marcoRossi);
      assert.equal((await get('/v1.0/deviceManagement/deviceConfigurations', marco)).status, 403);
    });

    it('refuses a write without the DeviceManagementConfiguration.ReadWrite.All scope', async () => {
      const token = await appToken(sim); // the app holds only the Read.All application permission
      const denied = await post('/v1.0/deviceManagement/deviceConfigurations', { '@odata.type': '#microsoft.graph.windows10CustomConfiguration', displayName: 'x', omaSettings: [] }, token);
      assert.equal(denied.status, 403);
      assert.match(graphErrorOf(denied).message, /DeviceManagementConfiguration\.ReadWrite\.All/);
      assert.equal((await get('/v1.0/deviceManagement/deviceConfigurations', token)).status, 200);
    });

    it('answers 400 for a malformed policy and 404 for an unknown one', async () => {
      const bad = await post('/v1.0/deviceManagement/deviceConfigurations', {
        '@odata.type': '#microsoft.graph.windows10CustomConfiguration',
        displayName: 'x',
        omaSettings: [{ '@odata.type': '#microsoft.graph.omaSettingBoolean', displayName: 'a', omaUri: './Device/x', value: 'true' }],
      });
      assert.equal(bad.status, 400);
      const missing = await get('/v1.0/deviceManagement/deviceConfigurations/nope/assignments');
      assert.equal(missing.status, 404);
    });
  });

  describe('Android policies and compliance policies', () => {
    it('Android device owner types exist in beta only; work-profile types in both', async () => {
      readiness().deviceConfigurations.push(androidDeviceOwnerRestrictions('do-1', { device: 'numeric', workProfile: 'deviceDefault' }));
      readiness().compliancePolicies = [androidCompliance('cp-do', 'deviceOwner', true), androidCompliance('cp-wp', 'workProfile', true)];
      const v1 = ((await get('/v1.0/deviceManagement/deviceCompliancePolicies')).body as List).value.map((c) => c.id);
      const beta = ((await get('/beta/deviceManagement/deviceCompliancePolicies')).body as List).value;
      assert.ok(v1.includes('cp-wp') && !v1.includes('cp-do'), JSON.stringify(v1));
      assert.deepEqual(beta.map((c) => [c['@odata.type'], c.passwordRequired]), [
        ['#microsoft.graph.androidDeviceOwnerCompliancePolicy', true],
        ['#microsoft.graph.androidWorkProfileCompliancePolicy', false],
      ]);
      const profiles = ((await get('/v1.0/deviceManagement/deviceConfigurations')).body as List).value.map((c) => c.id);
      assert.ok(!profiles.includes('do-1'));
      const profile = (await get('/beta/deviceManagement/deviceConfigurations/do-1')).body as Record<string, unknown>;
      assert.equal(profile.passwordRequiredType, 'numeric');
    });

    it("a compliance policy's assignments, and its device status: Android devices of the group succeed, the others are not applicable", async () => {
      readiness().compliancePolicies.push(androidCompliance('cp-wp', 'workProfile', true, [groupAssignment('cp-wp', ALL_STAFF)]));
      const assignments = ((await get('/beta/deviceManagement/deviceCompliancePolicies/cp-wp/assignments')).body as List).value;
      assert.deepEqual(assignments, [{ id: `cp-wp_${ALL_STAFF}`, target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: ALL_STAFF } }]);
      const overview = (await get('/beta/deviceManagement/deviceCompliancePolicies/cp-wp/deviceStatusOverview')).body as Record<string, number>;
      const android = sim.tenant.devices.filter((d) => d.operatingSystem === 'Android').length;
      assert.ok(android > 0);
      assert.equal(overview.successCount, android);
      assert.equal(overview.notApplicableCount, sim.tenant.devices.length - android);
    });

    it('compliance policies are read here, not created or assigned; an unknown one is 404', async () => {
      assert.equal((await post('/beta/deviceManagement/deviceCompliancePolicies', { '@odata.type': '#microsoft.graph.androidWorkProfileCompliancePolicy', displayName: 'x' })).status, 405);
      readiness().compliancePolicies.push(androidCompliance('cp-wp', 'workProfile', true));
      assert.equal((await post('/beta/deviceManagement/deviceCompliancePolicies/cp-wp/assign', { assignments: [] })).status, 400);
      assert.equal((await get('/beta/deviceManagement/deviceCompliancePolicies/nope/assignments')).status, 404);
    });

    it('reading them needs DeviceManagementConfiguration.Read.All, which the app holds', async () => {
      assert.equal((await get('/beta/deviceManagement/deviceCompliancePolicies', await appToken(sim))).status, 200);
      sim.tenant.app.applicationPermissions = sim.tenant.app.applicationPermissions.filter((p) => p !== 'DeviceManagementConfiguration.Read.All');
      assert.equal((await get('/beta/deviceManagement/deviceCompliancePolicies', await appToken(sim))).status, 403);
    });
  });

  describe('endpoint security and Settings catalog (beta)', () => {
    it('intents are beta-only; their settings, assignments and device state summary', async () => {
      readiness().intents.push(accountProtectionIntent('int-1', [groupAssignment('int-1', ALL_STAFF)]));
      const v1 = await get('/v1.0/deviceManagement/intents');
      assert.equal(v1.status, 400);
      assert.match(graphErrorOf(v1).message, /segment 'intents'/);
      const list = ((await get('/beta/deviceManagement/intents')).body as List).value;
      assert.deepEqual(list.map((i) => [i.id, i.isAssigned]), [['int-1', true]]);
      const settings = ((await get('/beta/deviceManagement/intents/int-1/settings')).body as List).value;
      assert.ok(settings.some((s) => s.definitionId === 'deviceConfiguration--windowsIdentityProtectionConfiguration_pinRecoveryEnabled' && s.value === true));
      const summary = (await get('/beta/deviceManagement/intents/int-1/deviceStateSummary')).body as Record<string, number>;
      assert.ok(summary.successCount > 0 && summary.notApplicablePlatformCount > 0);
    });

    it('Settings catalog settings come nested in their group; the device summary report has Schema and Values', async () => {
      readiness().configurationPolicies.push(settingsCatalogPinRecovery('sc-1', [groupAssignment('sc-1', ALL_STAFF)]));
      const settings = ((await get('/beta/deviceManagement/configurationPolicies/sc-1/settings')).body as List).value;
      assert.match(JSON.stringify(settings), /_policies_enablepinrecovery_true/);
      const report = await post('/beta/deviceManagement/reports/getConfigurationPolicyDeviceSummaryReport', { filter: "(PolicyId eq 'sc-1')" });
      const body = report.body as { Schema: Array<{ Column: string }>; Values: unknown[][] };
      const compliant = body.Schema.findIndex((c) => c.Column === 'NumberOfCompliantDevices');
      assert.ok((body.Values[0]?.[compliant] as number) > 0);
      assert.equal((await get('/v1.0/deviceManagement/configurationPolicies')).status, 400);
    });
  });
});
