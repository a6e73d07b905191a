import {
  ANDROID_PASSCODE_KINDS,
  type AndroidPasscodeKind,
  type AndroidPasscodePolicy,
  type AndroidPasscodePolicyCheck,
  type AssignmentTarget,
  type BotPermissionsCheck,
  type CheckFailure,
  type CheckStatus,
  type FoundPolicy,
  type GroupState,
  type HelpdeskGroupRole,
  type PinRecoveryPolicyCheck,
  type PinResetAppsCheck,
  type PolicySource,
  type ReadinessReport,
} from '../domain/readiness/model';
import { formatDateTime, t, type Locale } from '../i18n';
import { safeHttpsUrl } from './links';

/**
 * The readiness report in words, shared by the card (chat) and the terminal (`npm run doctor`):
 * one section per check with what was found and, when it failed, how to fix it.
 */

/** One line; `link` is ours (a consent URL), never a value read from the tenant. */
export interface ReportLine {
  text: string;
  link?: { label: string; url: string };
}

export interface ReportSection {
  status: CheckStatus;
  title: string;
  lines: ReportLine[];
  fix: ReportLine[];
}

export interface ReadinessView {
  title: string;
  modeLine: string;
  summary: string;
  allPassed: boolean;
  sections: ReportSection[];
}

export const STATUS_MARK: Readonly<Record<CheckStatus, string>> = { pass: '✓', fail: '✗', unknown: '?' };

const SOURCE_KEYS: Readonly<Record<PolicySource, string>> = {
  customOma: 'readiness.source.customOma',
  identityProtection: 'readiness.source.identityProtection',
  accountProtection: 'readiness.source.accountProtection',
  settingsCatalog: 'readiness.source.settingsCatalog',
};

const FAILURE_KEYS: Readonly<Record<CheckFailure['reason'], string>> = {
  forbidden: 'readiness.failure.forbidden',
  consentRequired: 'readiness.failure.consentRequired',
  signInRequired: 'readiness.failure.signInRequired',
  notFound: 'readiness.failure.notFound',
  unavailable: 'readiness.failure.unavailable',
  unexpected: 'readiness.failure.unexpected',
};

const KIND_KEYS: Readonly<Record<AndroidPasscodeKind, string>> = {
  devicePasscode: 'readiness.android.kind.devicePasscode',
  workProfilePassword: 'readiness.android.kind.workProfilePassword',
};

const ROLE_KEYS: Readonly<Record<HelpdeskGroupRole, string>> = {
  helpdesk: 'readiness.group.helpdesk',
  admin: 'readiness.group.admin',
};

const line = (text: string, link?: ReportLine['link']): ReportLine => (link ? { text, link } : { text });

function failureLines(failure: CheckFailure | undefined, locale: Locale): ReportLine[] {
  if (!failure) return [];
  const lines = [line(t(locale, FAILURE_KEYS[failure.reason]))];
  if (failure.requestId) lines.push(line(t(locale, 'readiness.failure.requestId', { requestId: failure.requestId })));
  return lines;
}

function appsSection(check: PinResetAppsCheck, locale: Locale): ReportSection {
  const lines =
    check.status === 'unknown'
      ? failureLines(check.failure, locale)
      : check.apps.map((app) => line(t(locale, app.state === 'ok' ? 'readiness.apps.present' : 'readiness.apps.missing', { name: app.name })));
  const fix: ReportLine[] = [];
  if (check.status === 'fail') {
    fix.push(line(t(locale, 'readiness.apps.fix')));
    check.consentLinks.forEach((link, i) => {
      const url = safeHttpsUrl(link.url);
      fix.push(line(t(locale, 'readiness.apps.step', { step: i + 1 }), url ? { label: link.name, url } : undefined));
    });
    fix.push(line(t(locale, 'readiness.apps.pageNotFound')));
  } else if (check.status === 'unknown') {
    fix.push(line(t(locale, 'readiness.apps.fixUnknown')));
  }
  return { status: check.status, title: t(locale, 'readiness.apps.title'), lines, fix };
}

function targetsText(targets: readonly AssignmentTarget[], locale: Locale): string {
  const parts: string[] = [];
  const groups = targets.filter((x) => x.kind === 'group').length;
  if (groups > 0) parts.push(t(locale, 'readiness.targets.groups', { count: groups }));
  if (targets.some((x) => x.kind === 'allUsers')) parts.push(t(locale, 'readiness.targets.allUsers'));
  if (targets.some((x) => x.kind === 'allDevices')) parts.push(t(locale, 'readiness.targets.allDevices'));
  return parts.join(t(locale, 'readiness.targets.separator'));
}

function policyLines(policy: FoundPolicy, locale: Locale): ReportLine[] {
  const source = t(locale, SOURCE_KEYS[policy.source]);
  if (!policy.assigned) return [line(t(locale, 'readiness.policy.foundUnassigned', { source, name: policy.name }))];
  const lines = [line(t(locale, 'readiness.policy.foundAssigned', { source, name: policy.name, targets: targetsText(policy.targets, locale) }))];
  const status = policy.status;
  if (status) {
    lines.push(
      line(
        t(locale, 'readiness.policy.status', {
          succeeded: status.succeeded,
          errors: status.error + status.failed + status.conflict,
          pending: status.pending,
          notApplicable: status.notApplicable,
        }),
      ),
    );
    if (status.notApplicable > 0) lines.push(line(t(locale, 'readiness.policy.notApplicableNote')));
  } else {
    lines.push(line(t(locale, 'readiness.policy.statusUnreadable', { name: policy.name })));
  }
  return lines;
}

function policySection(check: PinRecoveryPolicyCheck, locale: Locale): ReportSection {
  const lines = check.found.flatMap((policy) => policyLines(policy, locale));
  if (check.found.length === 0 && check.status !== 'unknown') lines.push(line(t(locale, 'readiness.policy.none', { omaUri: check.omaUri })));
  for (const miss of check.nearMisses) {
    const params = { source: t(locale, SOURCE_KEYS[miss.source]), name: miss.name };
    lines.push(line(t(locale, miss.reason === 'otherTenant' ? 'readiness.policy.nearMiss.otherTenant' : 'readiness.policy.nearMiss.disabled', params)));
  }
  lines.push(...failureLines(check.failure, locale));
  const fix: ReportLine[] = [];
  if (check.status === 'fail') {
    const unassigned = check.found.find((p) => !p.assigned);
    if (unassigned) fix.push(line(t(locale, 'readiness.policy.fixAssign', { name: unassigned.name })));
    fix.push(line(t(locale, check.canFix ? 'readiness.policy.fixChat' : 'readiness.policy.fixManual', { omaUri: check.omaUri })));
  } else if (check.status === 'unknown') {
    fix.push(line(t(locale, 'readiness.policy.fixUnknown')));
  }
  return { status: check.status, title: t(locale, 'readiness.policy.title'), lines, fix };
}

function groupLines(group: GroupState, locale: Locale): ReportLine[] {
  const role = t(locale, ROLE_KEYS[group.role]);
  const lines: ReportLine[] = [];
  if (!group.id) lines.push(line(t(locale, 'readiness.permissions.groupNotConfigured', { role })));
  else if (group.state === 'ok') lines.push(line(t(locale, 'readiness.permissions.groupOk', { role, name: group.displayName ?? group.id })));
  else if (group.state === 'missing') lines.push(line(t(locale, 'readiness.permissions.groupMissing', { role, id: group.id })));
  else lines.push(line(t(locale, 'readiness.permissions.groupFailed', { role })));
  if (group.membership === 'ok') lines.push(line(t(locale, 'readiness.permissions.memberOk', { role })));
  if (group.membership === 'missing') lines.push(line(t(locale, 'readiness.permissions.memberMissing', { role })));
  if (group.membership === 'failed') lines.push(line(t(locale, 'readiness.permissions.memberFailed', { role })));
  return lines;
}

function permissionsSection(check: BotPermissionsCheck, locale: Locale): ReportSection {
  const lines: ReportLine[] = [];
  if (check.scopes.every((s) => s.state === 'notChecked')) {
    lines.push(line(t(locale, 'readiness.permissions.scopesNotChecked')));
  } else {
    for (const scope of check.scopes) {
      const key =
        scope.state === 'ok' ? 'readiness.permissions.scopeOk' : scope.state === 'missing' ? 'readiness.permissions.scopeMissing' : 'readiness.permissions.scopeFailed';
      lines.push(line(t(locale, key, { permission: scope.permission })));
    }
  }
  const appOnlyKey =
    check.appOnly.state === 'ok' ? 'readiness.permissions.appOnlyOk' : check.appOnly.state === 'missing' ? 'readiness.permissions.appOnlyMissing' : 'readiness.permissions.appOnlyFailed';
  lines.push(line(t(locale, appOnlyKey)));
  if (check.appOnly.state !== 'ok') lines.push(...failureLines(check.appOnly.failure, locale));
  for (const group of check.groups) lines.push(...groupLines(group, locale));

  const fix: ReportLine[] = [];
  if (check.scopes.some((s) => s.state === 'missing')) {
    const url = safeHttpsUrl(check.consentUrl);
    fix.push(line(t(locale, 'readiness.permissions.fixConsent'), url ? { label: t(locale, 'readiness.permissions.consentLink'), url } : undefined));
  }
  if (check.appOnly.state === 'missing') fix.push(line(t(locale, 'readiness.permissions.fixAppOnly')));
  if (check.groups.some((g) => g.state === 'missing')) fix.push(line(t(locale, 'readiness.permissions.fixGroup')));
  if (check.groups.some((g) => g.membership === 'missing')) fix.push(line(t(locale, 'readiness.permissions.fixMember')));
  return { status: check.status, title: t(locale, 'readiness.permissions.title'), lines, fix };
}

/** One line per kind of Android passcode: the assigned policy requiring it, an unassigned one, or none. */
function androidKindLine(kind: AndroidPasscodeKind, check: AndroidPasscodePolicyCheck, locale: Locale): ReportLine | undefined {
  const label = t(locale, KIND_KEYS[kind]);
  const requiring = check.policies.filter((p) => p.kinds.includes(kind));
  const assigned = requiring.filter((p) => p.assigned);
  const named = (p: AndroidPasscodePolicy) => ({
    kind: label,
    name: p.name,
    source: t(locale, p.ref.kind === 'compliancePolicy' ? 'readiness.android.source.compliance' : 'readiness.android.source.profile'),
  });
  const [first] = assigned;
  if (first && assigned.length > 1) return line(t(locale, 'readiness.android.requiredByMany', { ...named(first), more: assigned.length - 1 }));
  if (first) return line(t(locale, 'readiness.android.requiredBy', { ...named(first), targets: targetsText(first.targets, locale) }));
  const unassigned = requiring[0];
  if (unassigned) return line(t(locale, 'readiness.android.unassigned', named(unassigned)));
  // With a read that failed, "none" is not known.
  return check.failure ? undefined : line(t(locale, 'readiness.android.none', { kind: label }));
}

function androidSection(check: AndroidPasscodePolicyCheck, locale: Locale): ReportSection {
  const lines = ANDROID_PASSCODE_KINDS.map((kind) => androidKindLine(kind, check, locale)).filter((l): l is ReportLine => l !== undefined);
  lines.push(...failureLines(check.failure, locale));
  const fix: ReportLine[] = [];
  if (check.status === 'fail') {
    const unassigned = check.policies.find((p) => !p.assigned);
    if (unassigned) fix.push(line(t(locale, 'readiness.policy.fixAssign', { name: unassigned.name })));
    fix.push(line(t(locale, 'readiness.android.fix')));
  } else if (check.status === 'unknown') {
    fix.push(line(t(locale, 'readiness.policy.fixUnknown')));
  }
  return { status: check.status, title: t(locale, 'readiness.android.title'), lines, fix };
}

/** The report as sections of lines in `locale`; times in `timeZone` (default UTC). */
export function readinessView(report: ReadinessReport, locale: Locale, timeZone?: string): ReadinessView {
  const sections = [
    appsSection(report.apps, locale),
    policySection(report.policy, locale),
    permissionsSection(report.permissions, locale),
    androidSection(report.android, locale),
  ];
  const time = formatDateTime(report.checkedAt, locale, timeZone);
  const notPassed = sections.filter((s) => s.status !== 'pass').length;
  return {
    title: t(locale, 'readiness.title'),
    modeLine: t(locale, report.mode === 'delegated' ? 'readiness.mode.delegated' : 'readiness.mode.appOnly', { time }),
    summary: report.allPassed ? t(locale, 'readiness.summary.allPassed') : t(locale, 'readiness.summary.someFailed', { count: notPassed, total: sections.length }),
    allPassed: report.allPassed,
    sections,
  };
}

/** Plain text for the terminal: a mark per check, the findings, then the fix, links spelled out. */
export function readinessTerminalText(report: ReadinessReport, locale: Locale, timeZone?: string): string {
  const view = readinessView(report, locale, timeZone);
  const plain = (l: ReportLine): string => (l.link ? `${l.text} ${l.link.label}: ${l.link.url}` : l.text);
  const out = [view.title, view.modeLine, ''];
  for (const section of view.sections) {
    out.push(`${STATUS_MARK[section.status]} ${section.title}`);
    for (const l of section.lines) out.push(`    ${plain(l)}`);
    if (section.fix.length > 0) {
      out.push(`    ${t(locale, 'readiness.fixHeading')}:`);
      for (const l of section.fix) out.push(`      ${plain(l)}`);
    }
    out.push('');
  }
  out.push(view.summary);
  return `${out.join('\n')}\n`;
}
