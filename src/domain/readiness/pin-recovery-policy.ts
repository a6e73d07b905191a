import type { ReadinessGateway } from '../../ports/readiness-gateway';
import { attempt } from './failures';
import type {
  CheckFailure,
  FoundPolicy,
  NearMiss,
  PinRecoveryPolicyCheck,
  PolicyRef,
  PolicySource,
  ReadinessContext,
} from './model';
import {
  catalogVerdict,
  customConfigurationVerdict,
  identityProtectionVerdict,
  intentVerdict,
  isAssigned,
  pinRecoveryOmaUri,
  type PinRecoveryVerdict,
} from './pin-recovery-rules';

/** A policy that says something about PIN recovery, before its assignments are read. */
interface Candidate {
  ref: PolicyRef;
  name: string;
  source: PolicySource;
  verdict: Exclude<PinRecoveryVerdict, undefined>;
}

interface SourceScan {
  candidates: Candidate[];
  failures: CheckFailure[];
}

/**
 * The tenant id the OMA-URI must carry: the organization's own (`GET /organization`), falling
 * back to the configured one when the organization cannot be read.
 */
export async function tenantIdOf(gateway: ReadinessGateway, configured: string): Promise<string> {
  const organization = await attempt(() => gateway.getOrganization());
  return organization.ok && organization.value.id ? organization.value.id : configured;
}

/** Device configurations: the seed's custom OMA policy and Identity protection profiles. */
async function scanDeviceConfigurations(gateway: ReadinessGateway, tenantId: string): Promise<SourceScan> {
  const read = await attempt(() => gateway.listDeviceConfigurations());
  if (!read.ok) return { candidates: [], failures: [read.failure] };
  const candidates: Candidate[] = [];
  for (const config of read.value) {
    const ref: PolicyRef = { kind: 'deviceConfiguration', id: config.id };
    const custom = customConfigurationVerdict(config, tenantId);
    if (custom) candidates.push({ ref, name: config.displayName, source: 'customOma', verdict: custom });
    const identity = identityProtectionVerdict(config);
    if (identity) candidates.push({ ref, name: config.displayName, source: 'identityProtection', verdict: identity });
  }
  return { candidates, failures: [] };
}

/** Endpoint security Account protection profiles (intents). */
async function scanIntents(gateway: ReadinessGateway): Promise<SourceScan> {
  const read = await attempt(() => gateway.listIntents());
  if (!read.ok) return { candidates: [], failures: [read.failure] };
  const scan: SourceScan = { candidates: [], failures: [] };
  for (const intent of read.value) {
    const settings = await attempt(() => gateway.listIntentSettings(intent.id));
    if (!settings.ok) {
      scan.failures.push(settings.failure);
      continue;
    }
    const verdict = intentVerdict(settings.value);
    if (verdict) scan.candidates.push({ ref: { kind: 'intent', id: intent.id }, name: intent.displayName, source: 'accountProtection', verdict });
  }
  return scan;
}

/** Settings catalog policies for Windows. */
async function scanSettingsCatalog(gateway: ReadinessGateway, tenantId: string): Promise<SourceScan> {
  const read = await attempt(() => gateway.listConfigurationPolicies());
  if (!read.ok) return { candidates: [], failures: [read.failure] };
  const scan: SourceScan = { candidates: [], failures: [] };
  for (const policy of read.value.filter((p) => p.platforms.toLowerCase().includes('windows'))) {
    const settings = await attempt(() => gateway.listConfigurationPolicySettings(policy.id));
    if (!settings.ok) {
      scan.failures.push(settings.failure);
      continue;
    }
    const verdict = catalogVerdict(settings.value, tenantId);
    if (verdict) scan.candidates.push({ ref: { kind: 'configurationPolicy', id: policy.id }, name: policy.name, source: 'settingsCatalog', verdict });
  }
  return scan;
}

async function withAssignments(gateway: ReadinessGateway, candidate: Candidate): Promise<FoundPolicy> {
  const base = { ref: candidate.ref, name: candidate.name, source: candidate.source };
  const targets = await attempt(() => gateway.listAssignments(candidate.ref));
  if (!targets.ok) return { ...base, assigned: false, targets: [], statusFailure: targets.failure };
  const assigned = isAssigned(targets.value);
  if (!assigned) return { ...base, assigned, targets: targets.value };
  const status = await attempt(() => gateway.getDeviceStatus(candidate.ref));
  return status.ok
    ? { ...base, assigned, targets: targets.value, status: status.value }
    : { ...base, assigned, targets: targets.value, statusFailure: status.failure };
}

/**
 * Check 2: some assigned policy turns on PIN recovery: the seed's custom OMA-URI policy, an
 * Identity protection or Account protection profile, or a Settings catalog policy. Each policy
 * found is named with its assignment and its device status. Assigned ones come first.
 */
export async function checkPinRecoveryPolicy(gateway: ReadinessGateway, context: ReadinessContext): Promise<PinRecoveryPolicyCheck> {
  const tenantId = await tenantIdOf(gateway, context.tenantId);
  const omaUri = pinRecoveryOmaUri(tenantId);
  const scans = await Promise.all([
    scanDeviceConfigurations(gateway, tenantId),
    scanIntents(gateway),
    scanSettingsCatalog(gateway, tenantId),
  ]);
  const candidates = scans.flatMap((s) => s.candidates);
  const failures = scans.flatMap((s) => s.failures);

  const found: FoundPolicy[] = [];
  for (const candidate of candidates.filter((c) => c.verdict === 'enables')) found.push(await withAssignments(gateway, candidate));
  found.sort((a, b) => Number(b.assigned) - Number(a.assigned));
  const nearMisses: NearMiss[] = candidates
    .filter((c): c is Candidate & { verdict: NearMiss['reason'] } => c.verdict !== 'enables')
    .map((c) => ({ ref: c.ref, name: c.name, source: c.source, reason: c.verdict }));

  const failure = failures[0] ?? found.find((f) => f.statusFailure && !f.assigned)?.statusFailure;
  if (found.some((f) => f.assigned)) return { status: 'pass', omaUri, found, nearMisses, canFix: false };
  // Nothing assigned was seen; with a source unreadable, absence is not proven.
  if (failure) return { status: 'unknown', omaUri, found, nearMisses, canFix: false, failure };
  return { status: 'fail', omaUri, found, nearMisses, canFix: gateway.mode === 'delegated' };
}
