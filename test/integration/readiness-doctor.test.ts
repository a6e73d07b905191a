import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { runDoctor } from '../../scripts/doctor';
import { type RunningSimulator } from '../../src/simulator';
import { androidCompliance, customPinRecoveryConfiguration, groupAssignment } from '../../src/simulator/readiness/seed';
import { startTestSimulator } from '../unit/simulator/helpers';
import { tenantEnvOf } from '../support/tenant-env';

/** `npm run doctor`: the report on the terminal, exit 0 only when every check passes. */

const ROOT = path.resolve(__dirname, '../..');
const ALL_STAFF = 'e1a2b3c4-1111-4aaa-8bbb-00000000a003';

describe('npm run doctor', function () {
  this.timeout(60000);
  let sim: RunningSimulator;

  beforeEach(async () => {
    sim = await startTestSimulator();
  });
  afterEach(() => sim.close());

  async function doctor(extra: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await runDoctor({
      env: {
        ...tenantEnvOf(sim),
        AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
        LANG: 'en_US.UTF-8',
        ...extra,
      },
      out: (text) => (out += text),
      err: (text) => (err += text),
    });
    return { code, out, err };
  }

  it('exits 0 when every check passes, and says which checks were done app-only', async () => {
    sim.tenant.readiness!.deviceConfigurations.push(customPinRecoveryConfiguration('cfg-1', sim.tenantId, [groupAssignment('cfg-1', ALL_STAFF)]));
    const { code, out } = await doctor();
    assert.equal(code, 0, out);
    assert.match(out, /✓ 1\./);
    assert.match(out, /✓ 2\./);
    assert.match(out, /✓ 3\./);
    assert.match(out, /✓ 4\./);
    assert.match(out, /app-only/);
    assert.match(out, /need a signed-in admin/);
    assert.match(out, /All checks passed/);
  });

  it('exits 1 when a check fails, with the fix (both consent links, in order), in Japanese with LANG=ja', async () => {
    sim.tenant.readiness!.servicePrincipals = [];
    const { code, out } = await doctor({ LANG: 'ja_JP.UTF-8' });
    assert.equal(code, 1);
    assert.match(out, /✗ 1\. エンタープライズ アプリケーションの PIN リセット アプリ/);
    const service = out.indexOf('client_id=b8456c59-1230-44c7-a4a2-99b085333e84');
    const client = out.indexOf('client_id=9115dd05-fad5-4f9c-acc7-305d08b1b04e');
    assert.ok(service > 0 && client > service, 'service first, then client');
    assert.match(out, /Page not found/);
  });

  it('exits 1 when no assigned Android policy requires a passcode, naming the unassigned one and how to fix it', async () => {
    const readiness = sim.tenant.readiness!;
    readiness.deviceConfigurations.push(customPinRecoveryConfiguration('cfg-1', sim.tenantId, [groupAssignment('cfg-1', ALL_STAFF)]));
    readiness.deviceConfigurations = readiness.deviceConfigurations.filter((c) => !c['@odata.type'].toLowerCase().includes('android'));
    readiness.compliancePolicies = [androidCompliance('cp-1', 'workProfile', true, [], 'BYOD work profile')];
    const { code, out } = await doctor();
    assert.equal(code, 1, out);
    assert.match(out, /✓ 2\./);
    assert.match(out, /✗ 4\. Passcode policy for Android devices/);
    assert.match(out, /the compliance policy .BYOD work profile. requires it but is not assigned/);
    assert.match(out, /Assign .BYOD work profile. to the groups/);
    assert.match(out, /Required password type/);
    assert.match(out, /1 of 4 checks need attention/);
  });

  it('exits 1 with the reason when the settings are incomplete', async () => {
    const { code, err } = await doctor({ HELPDESK_GROUP_ID: '' });
    assert.equal(code, 1);
    assert.match(err, /HELPDESK_GROUP_ID is required/);
  });

  it('DEMO_MODE=1 starts the simulated tenant itself, whose one failing check makes it exit 1', async () => {
    const env: Record<string, string | undefined> = { ...process.env, DEMO_MODE: '1', LANG: 'en_US.UTF-8' };
    delete env.NODE_EXTRA_CA_CERTS; // the script trusts the simulator's certificate by itself
    const child = spawn(process.execPath, ['--disable-warning=DEP0111', '--import', 'tsx', path.join('scripts', 'doctor.ts')], { cwd: ROOT, env });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 1, out);
    assert.match(out, /✓ 1\./);
    assert.match(out, /✗ 2\. PIN recovery policy/);
    assert.match(out, /✓ 4\. Passcode policy for Android devices/);
    assert.match(out, /1 of 4 checks need attention/);
  });
});
