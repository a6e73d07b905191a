import type { ManagedDevice } from '../../src/domain/model';
import type { DelegatedPrincipal, Principal } from '../../src/ports/identity';
import { FakeIntune } from './fake-intune';

/** Which principal each device read ran as: `app` or the agent's oid. */
export interface PrincipalUse {
  method: 'listUserDevices' | 'getDevice';
  as: 'app' | string;
}

/**
 * FakeIntune whose device reads also accept the bot's app-only principal (as the port allows)
 * and remember which principal each read used. Resets and result reads stay delegated by type.
 */
export class AppAwareIntune extends FakeIntune {
  readonly principals: PrincipalUse[] = [];

  override async listUserDevices(userId: string, as: Principal): Promise<ManagedDevice[]> {
    this.principals.push({ method: 'listUserDevices', as: as.kind === 'app' ? 'app' : as.oid });
    return super.listUserDevices(userId, asRecorded(as));
  }

  override async getDevice(deviceId: string, as: Principal): Promise<ManagedDevice> {
    this.principals.push({ method: 'getDevice', as: as.kind === 'app' ? 'app' : as.oid });
    return super.getDevice(deviceId, asRecorded(as));
  }
}

/** The base fake records an oid per call; the app principal is recorded as oid `app`. */
function asRecorded(as: Principal): DelegatedPrincipal {
  return as.kind === 'app' ? { kind: 'delegated', oid: 'app' } : as;
}
