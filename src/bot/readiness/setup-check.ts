import { adminConsentLink, type ReadinessContext, type ReadinessReport } from '../../domain/readiness/model';
import { ensurePinRecoveryPolicy, type PolicySetupOutcome } from '../../domain/readiness/policy-setup';
import { runReadinessChecks } from '../../domain/readiness/readiness-checks';
import type { Logger } from '../../ports/logger';
import type { ReadinessGatewayFactory } from '../../ports/readiness-gateway';

/** Who may run the setup check: members of HELPDESK_ADMIN_GROUP_ID, when it is configured. */
export type Admission = 'admin' | 'notAdmin' | 'notConfigured';

export interface SetupCheckDeps {
  gateways: ReadinessGatewayFactory;
  /** Everything the checks need except the asking admin. */
  context: Omit<ReadinessContext, 'userOid'>;
  logger: Logger;
  now?: () => Date;
}

/**
 * The setup check as the chat runs it: who may, the checks as the signed-in admin, and the
 * policy fix. Fixes run one at a time in this process, so a double click creates one policy.
 */
export class SetupCheck {
  private fixes: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: SetupCheckDeps) {}

  get tenantId(): string {
    return this.deps.context.tenantId;
  }

  /** Where an administrator consents to the bot's delegated permissions. */
  get consentUrl(): string {
    const { authorityHost, tenantId, clientId } = this.deps.context;
    return adminConsentLink(authorityHost, tenantId, clientId);
  }

  /**
   * Membership read with the bot's own token, so that nobody is asked to sign in only to be
   * refused. Undefined when the app cannot read it; then the admin's own token decides.
   */
  async appOnlyAdmission(oid: string): Promise<Admission | undefined> {
    const groupId = this.deps.context.adminGroupId;
    if (!groupId) return 'notConfigured';
    try {
      return (await this.deps.gateways.appOnly().memberGroups(oid, [groupId])).length > 0 ? 'admin' : 'notAdmin';
    } catch (error) {
      this.deps.logger.info('readiness.admission.appOnlyUnavailable', { oid, error: error instanceof Error ? error.name : 'unknown' });
      return undefined;
    }
  }

  /** Membership read with the signed-in admin's token; errors (AppError) propagate. */
  async delegatedAdmission(oid: string): Promise<Admission> {
    const groupId = this.deps.context.adminGroupId;
    if (!groupId) return 'notConfigured';
    return (await this.deps.gateways.asUser(oid).memberGroups(oid, [groupId])).length > 0 ? 'admin' : 'notAdmin';
  }

  async run(oid: string): Promise<ReadinessReport> {
    const report = await runReadinessChecks(this.deps.gateways.asUser(oid), { ...this.deps.context, userOid: oid }, this.now());
    this.deps.logger.info('readiness.checked', {
      oid,
      allPassed: report.allPassed,
      apps: report.apps.status,
      policy: report.policy.status,
      permissions: report.permissions.status,
      android: report.android.status,
    });
    return report;
  }

  /** Create (or reuse) and assign the PIN recovery policy, as the admin. */
  async fix(oid: string, group: string): Promise<PolicySetupOutcome> {
    const next = this.fixes.then(() => ensurePinRecoveryPolicy(this.deps.gateways.asUser(oid), { ...this.deps.context, userOid: oid }, group));
    this.fixes = next.catch(() => undefined);
    const outcome = await next;
    this.deps.logger.info('readiness.policyFix', {
      oid,
      outcome: outcome.kind,
      ...(outcome.kind === 'refused' ? { reason: outcome.reason } : { policyId: outcome.policy.id, groupId: outcome.group.id }),
    });
    return outcome;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}
