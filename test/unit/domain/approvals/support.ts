import { MemoryAuditLog } from '../../../../src/adapters/memory/memory-audit-log';
import { MemoryCounters } from '../../../../src/adapters/memory/memory-counters';
import type { ApprovalRequest } from '../../../../src/domain/approvals/approval-request';
import type { RequestActionInput } from '../../../../src/domain/approvals/approval-service';
import { DefaultApprovalService } from '../../../../src/domain/approvals/default-approval-service';
import type { ApprovalServiceOptions } from '../../../../src/domain/approvals/default-approval-service';
import type { Actor } from '../../../../src/domain/model';
import { RunningResets } from '../../../../src/domain/recovery/running-resets';
import { AppAwareIntune } from '../../../fakes/app-aware-intune';
import { FakeClock } from '../../../fakes/fake-clock';
import { FakeDirectory } from '../../../fakes/fake-directory';
import { FakeNotifier } from '../../../fakes/fake-notifier';
import { iPhone, user, windows10Mobile, windowsPc } from '../../../fakes/device-builders';
import { memoryLogger } from '../../../fakes/memory-logger';
import { RecordingInFlightStore, RecordingRequestStore } from '../../../fakes/recording-state-stores';
export { rejection } from '../../../support/app-error';

export const HELPDESK = 'group-helpdesk';
export const TENANT = 'tenant-1';

export const ALICE: Actor = { oid: 'user-alice', name: 'Alice Smith', tenantId: TENANT };
export const BOB: Actor = { oid: 'user-bob', name: 'Bob Jones', tenantId: TENANT };
export const AGENT: Actor = { oid: 'agent-oid-1', name: 'Hana Helpdesk', tenantId: TENANT };
export const OTHER_AGENT: Actor = { oid: 'agent-oid-2', name: 'Kai Helpdesk', tenantId: TENANT };
/** A helpdesk member who is also locked out of their own phone. */
export const AGENT_AS_EMPLOYEE: Actor = AGENT;

export const alicePhone = windows10Mobile({ id: 'dev-alice-phone', deviceName: 'ALICE-LUMIA' });
export const alicePhone2 = windows10Mobile({ id: 'dev-alice-phone-2', deviceName: 'ALICE-LUMIA-2' });
export const aliceSpare = windows10Mobile({ id: 'dev-alice-spare', deviceName: 'ALICE-SPARE' });
export const alicePc = windowsPc({ id: 'dev-alice-pc' });
export const aliceIphone = iPhone({ id: 'dev-alice-iphone', deviceEnrollmentType: 'appleUserEnrollment' });
export const bobPhone = windows10Mobile({ id: 'dev-bob-phone', deviceName: 'BOB-LUMIA' });
export const agentPhone = windows10Mobile({ id: 'dev-agent-phone', deviceName: 'HANA-LUMIA' });

/** Everything an approval test needs, sharing one set of stores (like instances sharing storage). */
export function approvalWorld(overrides: Partial<ApprovalServiceOptions> = {}) {
  const clock = new FakeClock();
  const intune = new AppAwareIntune(clock);
  intune
    .addDevice(ALICE.oid, alicePhone)
    .addDevice(ALICE.oid, alicePhone2)
    .addDevice(ALICE.oid, aliceSpare)
    .addDevice(ALICE.oid, alicePc)
    .addDevice(ALICE.oid, aliceIphone)
    .addDevice(BOB.oid, bobPhone)
    .addDevice(AGENT.oid, agentPhone);
  const directory = new FakeDirectory({
    users: [
      user({ id: ALICE.oid, displayName: ALICE.name }),
      user({ id: BOB.oid, displayName: BOB.name }),
      user({ id: AGENT.oid, displayName: AGENT.name }),
    ],
    groups: { [HELPDESK]: [AGENT.oid, OTHER_AGENT.oid] },
  });
  const logger = memoryLogger();
  const requests = new RecordingRequestStore();
  const audit = new MemoryAuditLog({ logger });
  const counters = new MemoryCounters();
  const inFlight = new RecordingInFlightStore();
  const notifier = new FakeNotifier();
  const running = new RunningResets();
  let next = 0;
  const newId = () => `id-${++next}`;
  const options: ApprovalServiceOptions = {
    directory,
    intune,
    requests,
    audit,
    counters,
    clock,
    logger,
    helpdeskGroupId: HELPDESK,
    approvalTtlHours: 24,
    selfServiceMaxPerDay: 3,
    newId,
    inFlight,
    running,
    notifier,
    ...overrides,
  };
  /** A second bot instance: its own service object (and in-process state), the same storage. */
  const instance = () => new DefaultApprovalService({ ...options, running: new RunningResets() });
  const service = new DefaultApprovalService(options);
  const file = (requester: Actor = ALICE, deviceId = alicePhone.id, justification = 'Locked out after a trip', via = service) =>
    via.file({ requester, locale: 'en', deviceId, justification, requesterConversation: { conversationId: `1to1-${requester.oid}` } });
  const click = (request: ApprovalRequest, actor: Actor = AGENT): RequestActionInput => ({
    requestId: request.id,
    revision: request.revision,
    actor,
    conversation: { conversationId: `1to1-${actor.oid}` },
    locale: 'en',
  });
  return { clock, intune, directory, logger, requests, audit, counters, inFlight, notifier, running, options, service, instance, file, click };
}

/** Every place a secret could have leaked to: stored requests, in-flight entries, audit, log lines. */
export function everythingStored(world: ReturnType<typeof approvalWorld>): string {
  return [
    ...world.requests.writes,
    ...world.inFlight.writes,
    JSON.stringify(world.audit.all()),
    world.logger.text(),
  ].join('\n');
}
