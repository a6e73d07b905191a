import type { ReadinessGateway } from '../../ports/readiness-gateway';
import { androidPasscodeKinds } from './android-passcode-rules';
import { attempt } from './failures';
import {
  ANDROID_PASSCODE_KINDS,
  type AndroidPasscodeKind,
  type AndroidPasscodePolicy,
  type AndroidPasscodePolicyCheck,
  type CheckFailure,
  type PolicyRef,
} from './model';
import { isAssigned } from './pin-recovery-rules';

interface Candidate {
  ref: PolicyRef;
  name: string;
  kinds: AndroidPasscodeKind[];
}

/** Profiles and compliance policies that require an Android passcode; a failed read becomes a failure. */
async function scan(gateway: ReadinessGateway): Promise<{ candidates: Candidate[]; failures: CheckFailure[] }> {
  const [configurations, compliance] = await Promise.all([
    attempt(() => gateway.listDeviceConfigurations()),
    attempt(() => gateway.listCompliancePolicies()),
  ]);
  const candidates: Candidate[] = [];
  const failures: CheckFailure[] = [];
  if (configurations.ok) {
    for (const c of configurations.value) candidates.push({ ref: { kind: 'deviceConfiguration', id: c.id }, name: c.displayName, kinds: androidPasscodeKinds(c) });
  } else {
    failures.push(configurations.failure);
  }
  if (compliance.ok) {
    for (const c of compliance.value) candidates.push({ ref: { kind: 'compliancePolicy', id: c.id }, name: c.displayName, kinds: androidPasscodeKinds(c) });
  } else {
    failures.push(compliance.failure);
  }
  return { candidates: candidates.filter((c) => c.kinds.length > 0), failures };
}

/**
 * Check 4: some assigned Android policy requires a passcode: a device restrictions profile
 * (fully managed, dedicated, corporate-owned work profile, AOSP, personally-owned work profile) or
 * a compliance policy. Intune can only set a reset token under one, and its absence is the most
 * common reason an Android reset fails. Either kind passes; the report says which are covered.
 */
export async function checkAndroidPasscodePolicy(gateway: ReadinessGateway): Promise<AndroidPasscodePolicyCheck> {
  const { candidates, failures } = await scan(gateway);
  const policies: AndroidPasscodePolicy[] = [];
  for (const candidate of candidates) {
    const targets = await attempt(() => gateway.listAssignments(candidate.ref));
    if (!targets.ok) failures.push(targets.failure);
    const assignedTo = targets.ok ? targets.value : [];
    policies.push({ ...candidate, assigned: isAssigned(assignedTo), targets: assignedTo });
  }
  policies.sort((a, b) => Number(b.assigned) - Number(a.assigned));
  const covered = ANDROID_PASSCODE_KINDS.filter((kind) => policies.some((p) => p.assigned && p.kinds.includes(kind)));
  // A failed read is reported even when the check passes: a kind it shows as uncovered may not be.
  const failure = failures[0];
  const found = { policies, covered, ...(failure ? { failure } : {}) };
  if (covered.length > 0) return { status: 'pass', ...found };
  // Nothing assigned was seen; with a read that failed, absence is not proven.
  return { status: failure ? 'unknown' : 'fail', ...found };
}
