import type { Attachment } from 'botbuilder';
import confirmTemplate from '../../cards/readiness-confirm.json';
import reportTemplate from '../../cards/readiness-report.json';
import type { PolicySetupOutcome } from '../domain/readiness/policy-setup';
import type { ReadinessReport } from '../domain/readiness/model';
import { seedPolicySpec } from '../domain/readiness/pin-recovery-rules';
import { CardTemplate, type Fact } from './card-template';
import { readinessView, STATUS_MARK, type ReportLine } from './readiness-text';
import { t, type Locale } from '../i18n';

interface LineData {
  text: string;
  markdown: boolean;
  plain: boolean;
}

interface SectionData {
  heading: string;
  color: string;
  lines: LineData[];
  hasFix: boolean;
  fixHeading: string;
  fix: LineData[];
}

interface ReportData {
  lang: string;
  title: string;
  hasNotice: boolean;
  notice: string;
  summary: string;
  summaryColor: string;
  sections: SectionData[];
  modeLine: string;
  canFix: boolean;
  fixLabel: string;
  recheckLabel: string;
}

interface ConfirmData {
  lang: string;
  title: string;
  what: string;
  facts: Fact[];
  groupLabel: string;
  groupPlaceholder: string;
  groupRequired: string;
  userGroupNote: string;
  createLabel: string;
  cancelLabel: string;
}

const report = new CardTemplate<ReportData>(reportTemplate);
const confirm = new CardTemplate<ConfirmData>(confirmTemplate);

const COLORS = { pass: 'Good', fail: 'Attention', unknown: 'Warning' } as const;

/**
 * A line for the card: our own text with a link becomes Markdown; everything else (it may hold
 * names read from the tenant) stays a plain TextRun, which Teams never interprets.
 */
function lineData(line: ReportLine): LineData {
  if (!line.link) return { text: line.text, markdown: false, plain: true };
  const label = line.link.label.replace(/[[\]]/g, '');
  return { text: `${line.text} [${label}](${line.link.url})`, markdown: true, plain: false };
}

/** The text of a policy-creation outcome shown on top of the refreshed report. */
export function policyOutcomeText(outcome: PolicySetupOutcome, locale: Locale): string | undefined {
  if (outcome.kind === 'refused') return undefined;
  const params = { policy: outcome.policy.name, group: outcome.group.displayName };
  if (outcome.kind === 'created') return t(locale, 'readiness.outcome.created', params);
  if (outcome.kind === 'assigned') return t(locale, 'readiness.outcome.assigned', params);
  return t(locale, 'readiness.outcome.unchanged', params);
}

/** The readiness report: ✓ / ✗ per check with findings and fixes; the fix button when the chat can fix it. */
export function readinessReportCard(result: ReadinessReport, locale: Locale, notice?: string, timeZone?: string): Attachment {
  const view = readinessView(result, locale, timeZone);
  return report.render({
    lang: locale,
    title: view.title,
    hasNotice: Boolean(notice),
    notice: notice ?? '',
    summary: view.summary,
    summaryColor: view.allPassed ? 'Good' : 'Attention',
    sections: view.sections.map((section) => ({
      heading: `${STATUS_MARK[section.status]} ${section.title}`,
      color: COLORS[section.status],
      lines: section.lines.map(lineData),
      hasFix: section.fix.length > 0,
      fixHeading: t(locale, 'readiness.fixHeading'),
      fix: section.fix.map(lineData),
    })),
    modeLine: view.modeLine,
    canFix: result.policy.canFix,
    fixLabel: t(locale, 'readiness.button.fix'),
    recheckLabel: t(locale, 'readiness.button.recheck'),
  });
}

/** What the fix will create, and the group to assign it to; Create or Cancel. */
export function pinRecoveryPolicyConfirmCard(tenantId: string, locale: Locale): Attachment {
  const spec = seedPolicySpec(tenantId);
  return confirm.render({
    lang: locale,
    title: t(locale, 'readiness.confirm.title'),
    what: t(locale, 'readiness.confirm.what'),
    facts: [
      { label: t(locale, 'readiness.confirm.name'), value: spec.displayName },
      { label: t(locale, 'readiness.confirm.omaUri'), value: spec.omaSetting.omaUri },
      { label: t(locale, 'readiness.confirm.value'), value: t(locale, 'readiness.confirm.valueText') },
    ],
    groupLabel: t(locale, 'readiness.confirm.groupLabel'),
    groupPlaceholder: t(locale, 'readiness.confirm.groupPlaceholder'),
    groupRequired: t(locale, 'readiness.confirm.groupRequired'),
    userGroupNote: t(locale, 'readiness.confirm.userGroupNote'),
    createLabel: t(locale, 'readiness.confirm.create'),
    cancelLabel: t(locale, 'readiness.confirm.cancel'),
  });
}

/** Why the setup check is not for this user: not an admin, or no admin group configured. */
export function setupCheckRefusalText(reason: 'notAdmin' | 'notConfigured', locale: Locale): string {
  return t(locale, reason === 'notConfigured' ? 'readiness.notConfigured' : 'readiness.notAdmin');
}

/** The words for a refused policy creation (only the clicking admin sees them). */
export function policyRefusalText(outcome: Extract<PolicySetupOutcome, { kind: 'refused' }>, group: string, consentUrl: string, locale: Locale): string {
  switch (outcome.reason) {
    case 'consentMissing':
      return t(locale, 'readiness.refused.consentMissing', { url: consentUrl });
    case 'roleMissing': {
      const text = t(locale, 'readiness.refused.roleMissing');
      return outcome.requestId ? `${text}\n\n${t(locale, 'readiness.failure.requestId', { requestId: outcome.requestId })}` : text;
    }
    case 'groupNotFound':
      return t(locale, 'readiness.refused.groupNotFound', { group });
    case 'groupAmbiguous':
      return t(locale, 'readiness.refused.groupAmbiguous', { group, count: outcome.matches ?? 0 });
    case 'groupMissing':
      return t(locale, 'readiness.refused.groupMissing');
    case 'notSignedIn':
      return t(locale, 'readiness.refused.notSignedIn');
  }
}
