import type { ManagedDevice, ResetPasscodeActionResult } from '../domain/model';
import type { DelegatedPrincipal, Principal } from './identity';

/**
 * Intune through Graph. Errors are AppError:
 * - graph.throttled (429; details.retryAfterSeconds): the request was NOT executed;
 * - graph.unavailable (5xx, timeout, dropped connection): for a write, the outcome is UNKNOWN;
 * - graph.forbidden (403, e.g. device outside the agent's Intune scope), graph.notFound, graph.badRequest,
 *   graph.unexpected; auth.* when no token can be had.
 * Every error carries details.requestId when Graph sent one.
 *
 * Device reads accept the bot's app-only principal (an employee's own device list, read with
 * `DeviceManagementManagedDevices.Read.All`); the reset and the read of its results (which hold
 * the passcode) run only as a signed-in agent, which the types enforce.
 */
export interface IntuneGateway {
  /** All Intune devices of a user (`/users/{id}/managedDevices`, beta for deviceType/chassisType). */
  listUserDevices(userId: string, as: Principal): Promise<ManagedDevice[]>;
  /** One device by id. */
  getDevice(deviceId: string, as: Principal): Promise<ManagedDevice>;
  /**
   * `POST /deviceManagement/managedDevices/{id}/resetPasscode`, exactly one HTTP request:
   * the Graph client's own retry is switched off for it; the caller owns the retry rule.
   */
  resetPasscode(deviceId: string, as: DelegatedPrincipal): Promise<void>;
  /**
   * The device's resetPasscode entries of deviceActionResults (possibly empty), newest first.
   * Delegated only: an entry may carry a passcode, which is read under the agent's Intune role.
   */
  getResetPasscodeResults(deviceId: string, as: DelegatedPrincipal): Promise<ResetPasscodeActionResult[]>;
}
