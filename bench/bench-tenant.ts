import { DEMO_DEVICES, DEMO_HELPDESK_GROUP_ID, DEMO_TENANT, DEMO_USERS, type SimDevice, type SimUser, type TenantSeed } from '../src/simulator';

/**
 * The demo tenant grown for load: `agents` helpdesk agents (each with an Intune role) and as many
 * employees, each with exactly one eligible phone (a copy of Alice Smith's Lumia), so every
 * conversation of the benchmark resets its own device.
 */

export interface BenchAgent {
  index: number;
  /** Teams account id. */
  id: string;
  aadObjectId: string;
  name: string;
}

export interface BenchTarget {
  index: number;
  userId: string;
  deviceId: string;
  upn: string;
  /** "Zed0001 Bench": unique as a name search too. */
  displayName: string;
}

const hex = (prefix: string, i: number) => `${prefix}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
const pad = (i: number) => String(i).padStart(4, '0');

export function benchAgent(i: number): BenchAgent {
  const aadObjectId = hex('a9e7c0de', i);
  return { index: i, id: `29:bench-agent-${i}`, aadObjectId, name: `Agent ${pad(i)}` };
}

/** The employee who owns target `i`, as Teams knows them (for self-service). */
export function benchEmployee(i: number): BenchAgent {
  const target = benchTarget(i);
  return { index: i, id: `29:bench-employee-${i}`, aadObjectId: target.userId, name: target.displayName };
}

export function benchTarget(i: number, domain = DEMO_TENANT.domains[0] ?? 'contoso.com'): BenchTarget {
  return {
    index: i,
    userId: hex('7a79e700', i),
    deviceId: hex('de71ce00', i),
    upn: `zed${pad(i)}@${domain}`,
    displayName: `Zed${pad(i)} Bench`,
  };
}

/** A tenant with `count` agents and `count` employees with one eligible phone each. */
export function benchTenant(count: number): TenantSeed {
  const seed = structuredClone(DEMO_TENANT);
  const hana = seed.users.find((u) => u.id === DEMO_USERS.hanaSuzuki) as SimUser;
  const alice = seed.users.find((u) => u.id === DEMO_USERS.aliceSmith) as SimUser;
  const lumia = seed.devices.find((d) => d.id === DEMO_DEVICES.aliceLumia) as SimDevice;
  const domain = seed.domains[0] ?? 'contoso.com';
  for (let i = 0; i < count; i++) {
    const agent = benchAgent(i);
    seed.users.push({
      ...structuredClone(hana),
      id: agent.aadObjectId,
      displayName: agent.name,
      givenName: 'Agent',
      surname: pad(i),
      userPrincipalName: `agent${pad(i)}@${domain}`,
      mail: `agent${pad(i)}@${domain}`,
      memberOf: [DEMO_HELPDESK_GROUP_ID],
      intuneRole: { displayName: 'Help Desk Operator' },
    });
    const target = benchTarget(i, domain);
    seed.users.push({
      ...structuredClone(alice),
      id: target.userId,
      displayName: target.displayName,
      givenName: `Zed${pad(i)}`,
      surname: 'Bench',
      userPrincipalName: target.upn,
      mail: target.upn,
    });
    seed.devices.push({
      ...structuredClone(lumia),
      id: target.deviceId,
      userId: target.userId,
      deviceName: `ZED${pad(i)}-LUMIA`,
      userPrincipalName: target.upn,
      userDisplayName: target.displayName,
      emailAddress: target.upn,
      azureADDeviceId: hex('aad0de00', i),
      serialNumber: `BENCH${pad(i)}`,
      imei: `35${String(i).padStart(13, '0')}`,
      deviceActionResults: [],
    });
  }
  return seed;
}
