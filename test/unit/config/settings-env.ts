import { loadSettings, SettingsError, type DemoTenantValues } from '../../../src/config/settings';

/** What a start outside demo mode needs, with made-up values; no bot identity. */
export const PRODUCTION_ENV = {
  AAD_APP_CLIENT_ID: '11111111-1111-1111-1111-111111111111',
  AAD_APP_TENANT_ID: '22222222-2222-2222-2222-222222222222',
  AAD_APP_CLIENT_SECRET: 'not-a-real-secret',
  HELPDESK_GROUP_ID: '33333333-3333-3333-3333-333333333333',
  AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
  TOKEN_CACHE_KEY: Buffer.alloc(32, 1).toString('base64'),
};

/** What the simulated tenant hands loadSettings in demo mode. */
export const DEMO_TENANT: DemoTenantValues = { url: 'https://127.0.0.1:1', tenantId: 't', clientId: 'c', clientSecret: 's', helpdeskGroupId: 'g', helpdeskAdminGroupId: 'a' };

/** The problems loadSettings reports for `env` (none when it loads). */
export function problemsOf(env: Record<string, string>, demo?: DemoTenantValues): string[] {
  try {
    loadSettings(env, demo);
    return [];
  } catch (error) {
    if (error instanceof SettingsError) return error.problems;
    throw error;
  }
}
