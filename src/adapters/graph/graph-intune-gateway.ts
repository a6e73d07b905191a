import { AppError } from '../../domain/errors';
import type { ManagedDevice, ResetPasscodeActionResult } from '../../domain/model';
import type { DelegatedPrincipal, Principal } from '../../ports/identity';
import type { IntuneGateway } from '../../ports/intune-gateway';
import type { Logger } from '../../ports/logger';
import type { GraphApiVersion, GraphHttp } from './graph-http';
import { parseManagedDevice, parseResetPasscodeResults } from './graph-parsers';
import { encodePathSegment, type QueryOptions } from './odata';

const V1_DEVICE_FIELDS = [
  'id',
  'deviceName',
  'userId',
  'userPrincipalName',
  'operatingSystem',
  'osVersion',
  'model',
  'manufacturer',
  'lastSyncDateTime',
  'deviceEnrollmentType',
  'azureADRegistered',
  'managedDeviceOwnerType',
  'managementAgent',
];
/** Only beta has these; asking v1.0 for them is a 400, so they are added for beta only. */
const BETA_ONLY_DEVICE_FIELDS = ['deviceType', 'chassisType', 'joinType'];

/** The `$select` for devices in this API version. */
export function deviceSelect(version: GraphApiVersion): string {
  return (version === 'beta' ? [...V1_DEVICE_FIELDS, ...BETA_ONLY_DEVICE_FIELDS] : V1_DEVICE_FIELDS).join(',');
}

export interface GraphIntuneGatewayOptions {
  http: GraphHttp;
  /**
   * `beta` (default) returns deviceType/chassisType/joinType, without which a Windows 10 Mobile
   * phone cannot be told from a Windows PC (see DESIGN.md). `v1.0` yields devices without them.
   */
  apiVersion?: GraphApiVersion;
  logger?: Logger;
}

/** Intune through Microsoft Graph, as the signed-in agent (device reads also as the bot itself). */
export class GraphIntuneGateway implements IntuneGateway {
  private readonly version: GraphApiVersion;

  constructor(private readonly options: GraphIntuneGatewayOptions) {
    this.version = options.apiVersion ?? 'beta';
  }

  async listUserDevices(userId: string, as: Principal): Promise<ManagedDevice[]> {
    return this.devicesFrom(await this.options.http.getAll(this.userDevicesCall(userId), as));
  }

  /** The request for a user's devices; `userKey` is their id or their userPrincipalName. */
  userDevicesCall(userKey: string): { version: GraphApiVersion; path: string; query: QueryOptions } {
    return {
      version: this.version,
      path: `/users/${encodePathSegment(userKey)}/managedDevices`,
      query: { $select: deviceSelect(this.version) },
    };
  }

  /** Devices out of a device list's items; malformed ones are skipped (and counted in the log). */
  devicesFrom(items: readonly unknown[]): ManagedDevice[] {
    const devices = items.map(parseManagedDevice).filter((d): d is ManagedDevice => d !== undefined);
    if (devices.length < items.length) {
      this.options.logger?.warn('intune.devices.skipped', { skipped: items.length - devices.length });
    }
    return devices;
  }

  async getDevice(deviceId: string, as: Principal): Promise<ManagedDevice> {
    const answer = await withDevice(deviceId, () => this.options.http.send(
      {
        method: 'GET',
        version: this.version,
        path: `/deviceManagement/managedDevices/${encodePathSegment(deviceId)}`,
        query: { $select: deviceSelect(this.version) },
        retry: 'reads',
      },
      as,
    ));
    const device = parseManagedDevice(answer);
    if (!device) throw new AppError('graph.unexpected', 'Microsoft Graph answered a device request without a device.', { deviceId });
    return device;
  }

  async resetPasscode(deviceId: string, as: DelegatedPrincipal): Promise<void> {
    await withDevice(deviceId, () =>
      this.options.http.send(
        {
          method: 'POST',
          version: this.version,
          path: `/deviceManagement/managedDevices/${encodePathSegment(deviceId)}/resetPasscode`,
          // Exactly one request: a resend after 503/504 could be a second reset (a new passcode).
          retry: 'never',
        },
        as,
      ),
    );
  }

  async getResetPasscodeResults(deviceId: string, as: DelegatedPrincipal): Promise<ResetPasscodeActionResult[]> {
    const answer = await withDevice(deviceId, () => this.options.http.send(
      {
        method: 'GET',
        version: this.version,
        path: `/deviceManagement/managedDevices/${encodePathSegment(deviceId)}`,
        query: { $select: 'deviceActionResults' },
        retry: 'reads',
      },
      as,
    ));
    const { results, skipped } = parseResetPasscodeResults(answer);
    if (skipped) this.options.logger?.warn('intune.actionResults.skipped', { skipped });
    return results;
  }
}

/** Run a device call; its AppError names the device (for the Intune admin center link). */
async function withDevice<T>(deviceId: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AppError && error.details.deviceId === undefined) error.details.deviceId = deviceId;
    throw error;
  }
}
