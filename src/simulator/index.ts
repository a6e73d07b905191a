/**
 * The simulated tenant: a loopback HTTPS server that speaks the Microsoft Graph and Entra ID
 * endpoints Passcode Desk uses, for demo mode and tests.
 */
export { ensureDevCertificate, type DevCertificate } from './certificate';
export { startSimulator } from './server';
export {
  DEMO_TENANT,
  DEMO_TENANT_ID,
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_HELPDESK_GROUP_ID,
  DEMO_HELPDESK_ADMIN_GROUP_ID,
  DEMO_USERS,
  DEMO_DEVICES,
} from './demo-tenant';
export { RESET_FAILED_ERROR_CODE } from './device-actions';
export type {
  ActionOutcome,
  FaultRule,
  RunningSimulator,
  SimActionResult,
  SimApp,
  SimDevice,
  SimGroup,
  SimIntuneRole,
  SimRequestLog,
  SimResetBehaviour,
  SimTenantState,
  SimUser,
  SimulatorOptions,
  TenantSeed,
} from './types';
