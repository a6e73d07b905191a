import { DEMO_HELPDESK_ADMIN_GROUP_ID, DEMO_HELPDESK_GROUP_ID, type RunningSimulator } from '../../src/simulator';

/** The token cache key of every test run (base64 of 32 bytes); tests that show a wrong key fails closed use another. */
export const TEST_TOKEN_CACHE_KEY = Buffer.alloc(32, 0x5a).toString('base64');

/** The settings that point Passcode Desk at a running simulated tenant: its app identity, Entra, Graph and helpdesk groups. */
export function tenantEnvOf(sim: RunningSimulator): Record<string, string> {
  return {
    AAD_APP_CLIENT_ID: sim.clientId,
    AAD_APP_CLIENT_SECRET: sim.clientSecret,
    AAD_APP_TENANT_ID: sim.tenantId,
    AAD_APP_OAUTH_AUTHORITY_HOST: sim.url,
    GRAPH_ENDPOINT: sim.url,
    HELPDESK_GROUP_ID: DEMO_HELPDESK_GROUP_ID,
    HELPDESK_ADMIN_GROUP_ID: DEMO_HELPDESK_ADMIN_GROUP_ID,
    TOKEN_CACHE_KEY: TEST_TOKEN_CACHE_KEY,
  };
}
