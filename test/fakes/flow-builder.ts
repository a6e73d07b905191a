import type { Actor } from '../../src/domain/model';
import type { ResetFlow } from '../../src/domain/reset/reset-flow';
import { FAKE_CLOCK_START } from './fake-clock';
import { windows10Mobile } from './device-builders';

export const AGENT: Actor = { oid: 'agent-oid-1', name: 'Hana Helpdesk', tenantId: 'tenant-1' };

/**
 * A ResetFlow with sensible defaults: a flow waiting for confirmation of one eligible phone.
 * Override any field; `agent` defaults to AGENT.
 */
export function aResetFlow(overrides: Partial<ResetFlow> = {}): ResetFlow {
  const device = overrides.device ?? windows10Mobile({ userId: 'user-alice' });
  return {
    id: 'flow-1',
    revision: 1,
    state: 'confirming',
    agent: AGENT,
    locale: 'en',
    query: 'alice',
    origin: { conversationId: 'conv-1' },
    originIsPersonal: true,
    targetUser: { id: 'user-alice', displayName: 'Alice Smith', userPrincipalName: 'alice@contoso.com' },
    devices: [
      {
        device,
        verdict: { eligible: true, ruleId: 'windows10Mobile', platform: 'Windows 10 Mobile', outcome: 'newPasscode' },
      },
    ],
    device,
    createdAt: FAKE_CLOCK_START,
    updatedAt: FAKE_CLOCK_START,
    ...overrides,
  };
}
