import type { ManagedDevice, ResetPasscodeActionResult } from '../domain/model';
import type { DelegatedPrincipal } from './identity';

/**
 * Intune through Graph. Errors are AppError:
 * - graph.throttled (429; details.retryAfterSeconds): the request was NOT executed;
 * - graph.unavailable (5xx, timeout, dropped connection): for a write, the outcome is UNKNOWN;
 * - graph.forbidden (403, e.g. device outside the agent's Intune scope), graph.notFound, graph.badRequest,
 *   graph.unexpected; auth.* when no token can be had.
 * Every error carries details.requestId when Graph sent one.
 */
export interface IntuneGateway {
  /** All Intune devices of a user (`/users/{id}/managedDevices`, beta for deviceType/chassisType). */
  listUserDevices(userId: string, as: DelegatedPrincipal): Promise<ManagedDevice[]>;
  /** One device by id. */
  getDevice(deviceId: string, as: DelegatedPrincipal): Promise<ManagedDevice>;
  /**
   * `POST /deviceManagement/managedDevices/{id}/resetPasscode`, exactly one HTTP request:
   * the Graph client's own retry is switched off for it; the caller owns the retry rule.
   */
  resetPasscode(deviceId: string, as: DelegatedPrincipal): Promise<void>;
  /** The device's resetPasscode entries of deviceActionResults (possibly empty), newest first. */
  getResetPasscodeResults(deviceId: string, as: DelegatedPrincipal): Promise<ResetPasscodeActionResult[]>;
}
