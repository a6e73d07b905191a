/**
 * Typed settings, read once at start-up from the environment (and `.env` for local runs).
 * Outside demo mode every problem is collected and reported together, and nothing falls back to
 * the simulator: a production bot that silently talked to a fake tenant would be worse than one
 * that does not start.
 */
import { readClientCertificate, type ClientCertificate } from './client-certificate';

export type BotAppType = 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';

export interface Settings {
  port: number;
  /**
   * The interface to listen on; undefined: all interfaces (App Service). Without a bot identity
   * always a loopback address (see `loopbackHost`).
   */
  host?: string;
  demoMode: boolean;
  bot: {
    appId: string;
    appPassword: string;
    appType: BotAppType;
    appTenantId: string;
  };
  aad: {
    clientId: string;
    clientSecret?: string;
    certificatePath?: string;
    /** Read from `certificatePath` at start-up: thumbprints, private key, chain. */
    clientCertificate?: ClientCertificate;
    tenantId: string;
    authorityHost: string;
  };
  graphEndpoint: string;
  botPublicUrl?: string;
  /**
   * Service URL hosts trusted besides Teams' own (TEAMS_SERVICE_URL_HOSTS), lower case: exact
   * names, or `*.domain` for every name under it. Only used with a bot identity.
   */
  teamsServiceUrlHosts: string[];
  helpdeskGroupId: string;
  helpdeskAdminGroupId?: string;
  storage: {
    connectionString?: string;
    namespace: string;
  };
  /**
   * Keys sealing the shared token cache (AES-256-GCM): TOKEN_CACHE_KEY, and during a rotation
   * TOKEN_CACHE_KEY_PREVIOUS, which still opens what the old key sealed. Absent only in a demo,
   * whose token cache then stays in memory.
   */
  tokenCache?: { key: Buffer; previousKey?: Buffer };
  limits: {
    approvalTtlHours: number;
    selfServiceMaxPerDay: number;
    agentMaxResetsPerHour: number;
    auditRetentionDays: number;
    /** Intune reads this instance may make per 20 s (Intune allows an app 2,000 per tenant). */
    intuneReadsPer20s: number;
  };
  /**
   * PASSCODE_REMOVAL: `allow` (default) lets agents remove the passcode of iOS/iPadOS and visionOS
   * devices; `deny` lists those devices as turned off by the administrator.
   */
  passcodeRemoval: PasscodeRemoval;
}

export type PasscodeRemoval = 'allow' | 'deny';
const PASSCODE_REMOVAL_VALUES: readonly PasscodeRemoval[] = ['allow', 'deny'];

/** Thrown when settings are missing or malformed; `problems` lists every one of them. */
export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Passcode Desk cannot start; fix these settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SettingsError';
  }
}

type Env = Record<string, string | undefined>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A host name or IPv4 address, optionally `*.` and a domain of at least two labels. */
const SERVICE_URL_HOST = /^(\*\.(?=[^.]+\.[^.]+))?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;
/** Interfaces only this machine reaches: 127.0.0.0/8, ::1 and the name localhost. */
const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost)$/i;
const APP_TYPES: readonly BotAppType[] = ['SingleTenant', 'MultiTenant', 'UserAssignedMSI'];

/** Values the simulated tenant supplies in demo mode instead of the AAD_* settings. */
export interface DemoTenantValues {
  clientId: string;
  clientSecret: string;
  tenantId: string;
  url: string;
  helpdeskGroupId: string;
  helpdeskAdminGroupId: string;
}

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  optional(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value ? value : undefined;
  }

  required(name: string, meaning: string): string {
    const value = this.optional(name);
    if (!value) this.problems.push(`${name} is required (${meaning}).`);
    return value ?? '';
  }

  guid(name: string, meaning: string, required = true): string | undefined {
    const value = required ? this.required(name, meaning) : this.optional(name);
    if (value && !GUID.test(value)) this.problems.push(`${name} must be a GUID (${meaning}); got "${value}".`);
    return value;
  }

  httpsUrl(name: string, fallback: string): string {
    const value = this.optional(name) ?? fallback;
    try {
      const url = new URL(value);
      if (url.protocol !== 'https:') this.problems.push(`${name} must be an https URL; got "${value}".`);
      return value.replace(/\/+$/, '');
    } catch {
      this.problems.push(`${name} must be a URL; got "${value}".`);
      return fallback;
    }
  }

  choice<T extends string>(name: string, values: readonly T[], fallback: T): T {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const value = values.find((candidate) => candidate === raw.toLowerCase());
    if (value === undefined) this.problems.push(`${name} must be one of ${values.join(', ')}; got "${raw}".`);
    return value ?? fallback;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max}; got "${raw}".`);
      return fallback;
    }
    return value;
  }
}

/**
 * Why a storage connection string cannot work (undefined when it can): `Key=value` pairs with a
 * credential (account key or SAS) and blob and table endpoints, explicit or derived from the
 * account name; `UseDevelopmentStorage=true` (Azurite on its default ports) is accepted.
 */
export function storageConnectionStringProblem(value: string): string | undefined {
  const parts = new Map<string, string>();
  for (const segment of value.split(';').map((s) => s.trim()).filter(Boolean)) {
    const at = segment.indexOf('=');
    if (at <= 0) return 'expected Key=value pairs separated by ";"';
    parts.set(segment.slice(0, at).toLowerCase(), segment.slice(at + 1).trim());
  }
  if (parts.get('usedevelopmentstorage')?.toLowerCase() === 'true') return undefined;
  if (!(parts.get('accountname') && parts.get('accountkey')) && !parts.get('sharedaccesssignature')) {
    return 'it needs AccountName and AccountKey, or SharedAccessSignature';
  }
  const derived = parts.get('accountname') && ['http', 'https'].includes(parts.get('defaultendpointsprotocol')?.toLowerCase() ?? '');
  for (const endpoint of ['BlobEndpoint', 'TableEndpoint']) {
    const url = parts.get(endpoint.toLowerCase());
    if (url === undefined) {
      if (!derived) return `it needs ${endpoint}, or DefaultEndpointsProtocol and AccountName`;
      continue;
    }
    if (!/^https?:\/\/[^/\s]+/i.test(url)) return `${endpoint} must be an http(s) URL`;
  }
  return undefined;
}

/**
 * Read and check the settings. In demo mode the simulated tenant's values are used for identity
 * and Graph; demo mode is refused when a real bot identity (`MicrosoftAppId`) is configured.
 */
export function loadSettings(env: Env, demo?: DemoTenantValues): Settings {
  const r = new Reader(env);
  const demoMode = r.optional('DEMO_MODE') === '1';
  const appId = r.optional('MicrosoftAppId') ?? '';
  const port = r.int('PORT', 3978, 0, 65535);
  const host = listeningHost(r, appId);

  if (demoMode && appId) {
    r.problems.push('DEMO_MODE=1 cannot be combined with MicrosoftAppId: demo mode never runs with a real bot identity.');
  }
  if (demoMode && !demo) {
    r.problems.push('DEMO_MODE=1 needs the simulated tenant; start with `npm run demo`.');
  }

  const appTypeRaw = r.optional('MicrosoftAppType') ?? 'SingleTenant';
  if (!APP_TYPES.includes(appTypeRaw as BotAppType)) {
    r.problems.push(`MicrosoftAppType must be one of ${APP_TYPES.join(', ')}; got "${appTypeRaw}".`);
  }
  const bot = {
    appId,
    appPassword: r.optional('MicrosoftAppPassword') ?? '',
    appType: (APP_TYPES.includes(appTypeRaw as BotAppType) ? appTypeRaw : 'SingleTenant') as BotAppType,
    appTenantId: r.optional('MicrosoftAppTenantId') ?? '',
  };
  if (appId && bot.appType === 'SingleTenant' && !bot.appTenantId) {
    r.problems.push('MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant.');
  }
  if (appId && bot.appType !== 'UserAssignedMSI' && !bot.appPassword && !r.optional('AAD_APP_CLIENT_CERTIFICATE_PATH')) {
    r.problems.push('MicrosoftAppPassword (or the certificate in AAD_APP_CLIENT_CERTIFICATE_PATH) is required for a SingleTenant or MultiTenant bot.');
  }

  const storage = {
    connectionString: r.optional('AZURE_STORAGE_CONNECTION_STRING'),
    namespace: r.optional('STATE_NAMESPACE') ?? 'passcodedesk',
  };
  if (!/^[a-z][a-z0-9]{2,23}$/.test(storage.namespace)) {
    r.problems.push(`STATE_NAMESPACE must be 3-24 lower-case letters and digits, starting with a letter; got "${storage.namespace}".`);
  }
  if (!storage.connectionString && !demoMode) {
    r.problems.push('AZURE_STORAGE_CONNECTION_STRING is required (the Azure Storage account with blob and table endpoints holding state shared by every instance).');
  }
  const connectionProblem = storage.connectionString ? storageConnectionStringProblem(storage.connectionString) : undefined;
  // The value holds the account key: the message names the problem, never the value.
  if (connectionProblem) r.problems.push(`AZURE_STORAGE_CONNECTION_STRING is not a storage connection string: ${connectionProblem}.`);

  const tokenCache = tokenCacheKeys(r, Boolean(storage.connectionString) && !demoMode);

  const limits = {
    approvalTtlHours: r.int('APPROVAL_TTL_HOURS', 24, 1, 24 * 14),
    selfServiceMaxPerDay: r.int('SELF_SERVICE_MAX_PER_DAY', 3, 1, 100),
    agentMaxResetsPerHour: r.int('AGENT_MAX_RESETS_PER_HOUR', 20, 1, 10_000),
    auditRetentionDays: r.int('AUDIT_RETENTION_DAYS', 365, 1, 3650),
    // Below Intune's 2,000 by default, to leave room for retries and other tools of the tenant;
    // with several instances, each gets its share.
    intuneReadsPer20s: r.int('INTUNE_READS_PER_20S', 1_600, 20, 2_000),
  };
  const passcodeRemoval = r.choice('PASSCODE_REMOVAL', PASSCODE_REMOVAL_VALUES, 'allow');
  const botPublicUrl = r.optional('BOT_PUBLIC_URL') ? r.httpsUrl('BOT_PUBLIC_URL', '') : undefined;
  const teamsServiceUrlHosts = serviceUrlHosts(r);

  if (demoMode && demo) {
    if (r.problems.length) throw new SettingsError(r.problems);
    return {
      port,
      host,
      demoMode,
      bot,
      aad: { clientId: demo.clientId, clientSecret: demo.clientSecret, tenantId: demo.tenantId, authorityHost: demo.url },
      graphEndpoint: demo.url,
      botPublicUrl,
      teamsServiceUrlHosts,
      helpdeskGroupId: demo.helpdeskGroupId,
      helpdeskAdminGroupId: demo.helpdeskAdminGroupId,
      storage,
      tokenCache,
      limits,
      passcodeRemoval,
    };
  }

  const clientId = r.guid('AAD_APP_CLIENT_ID', 'the Entra app used for SSO and on-behalf-of') ?? '';
  const tenantId = r.guid('AAD_APP_TENANT_ID', 'your Entra tenant id') ?? '';
  const clientSecret = r.optional('AAD_APP_CLIENT_SECRET');
  const certificatePath = r.optional('AAD_APP_CLIENT_CERTIFICATE_PATH');
  if (!clientSecret && !certificatePath) {
    r.problems.push('AAD_APP_CLIENT_SECRET or AAD_APP_CLIENT_CERTIFICATE_PATH is required (the Entra app credential).');
  }
  if (certificatePath && clientSecret) {
    r.problems.push('Set AAD_APP_CLIENT_SECRET or AAD_APP_CLIENT_CERTIFICATE_PATH, not both: the Entra app signs in with one credential.');
  }
  const certificate = certificatePath && !clientSecret ? readClientCertificate(certificatePath) : undefined;
  if (typeof certificate === 'string') r.problems.push(certificate);
  if (appId && clientId && appId !== clientId) {
    r.problems.push('MicrosoftAppId and AAD_APP_CLIENT_ID must be the same Entra app.');
  }
  const helpdeskGroupId = r.guid('HELPDESK_GROUP_ID', 'the Entra group whose members may reset passcodes') ?? '';
  const helpdeskAdminGroupId = r.guid('HELPDESK_ADMIN_GROUP_ID', 'admins of the bot', false);

  const settings: Settings = {
    port,
    host,
    demoMode,
    bot,
    aad: {
      clientId,
      clientSecret,
      certificatePath,
      clientCertificate: typeof certificate === 'object' ? certificate : undefined,
      tenantId,
      authorityHost: r.httpsUrl('AAD_APP_OAUTH_AUTHORITY_HOST', 'https://login.microsoftonline.com'),
    },
    graphEndpoint: r.httpsUrl('GRAPH_ENDPOINT', 'https://graph.microsoft.com'),
    botPublicUrl,
    teamsServiceUrlHosts,
    helpdeskGroupId,
    helpdeskAdminGroupId,
    storage,
    tokenCache,
    limits,
    passcodeRemoval,
  };
  if (r.problems.length) throw new SettingsError(r.problems);
  return settings;
}

/** AES-256 keys are 32 bytes. */
const TOKEN_CACHE_KEY_BYTES = 32;

/**
 * TOKEN_CACHE_KEY (required when the token cache is shared through storage) and
 * TOKEN_CACHE_KEY_PREVIOUS. Problems name the setting and what is wrong, never the value.
 */
function tokenCacheKeys(r: Reader, required: boolean): Settings['tokenCache'] {
  const key = r.optional('TOKEN_CACHE_KEY');
  const previous = r.optional('TOKEN_CACHE_KEY_PREVIOUS');
  if (!key) {
    if (required) r.problems.push(`TOKEN_CACHE_KEY is required with AZURE_STORAGE_CONNECTION_STRING (base64 of ${TOKEN_CACHE_KEY_BYTES} random bytes; it encrypts the agents' tokens in storage).`);
    if (previous) r.problems.push('TOKEN_CACHE_KEY_PREVIOUS is set without TOKEN_CACHE_KEY: during a rotation, the new key goes in TOKEN_CACHE_KEY.');
    return undefined;
  }
  const parsed = { key: keyBytes(r, 'TOKEN_CACHE_KEY', key), previousKey: previous ? keyBytes(r, 'TOKEN_CACHE_KEY_PREVIOUS', previous) : undefined };
  return parsed.key ? { key: parsed.key, previousKey: parsed.previousKey } : undefined;
}

function keyBytes(r: Reader, name: string, value: string): Buffer | undefined {
  const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(value) ? Buffer.from(value, 'base64') : undefined;
  if (bytes?.length === TOKEN_CACHE_KEY_BYTES) return bytes;
  r.problems.push(`${name} must be base64 of ${TOKEN_CACHE_KEY_BYTES} bytes (e.g. \`openssl rand -base64 32\`); ${bytes ? `it holds ${bytes.length}` : 'it is not base64'}.`);
  return undefined;
}

/**
 * `HOST`, the interface to listen on. Without `MicrosoftAppId` botbuilder authenticates no
 * request: whoever reaches the port could post as Teams, so the bot is for local use only — on
 * loopback by default, and any other interface is refused. With an identity, all interfaces by
 * default (App Service).
 */
function listeningHost(r: Reader, appId: string): string | undefined {
  const host = r.optional('HOST');
  if (appId) return host;
  if (host && !LOOPBACK.test(host)) {
    r.problems.push(
      `HOST=${host} needs MicrosoftAppId: without a bot identity no request is authenticated, so the bot only listens on loopback (127.0.0.1, ::1 or localhost). Set MicrosoftAppId, or leave HOST empty.`,
    );
  }
  return host ?? '127.0.0.1';
}

/**
 * `TEAMS_SERVICE_URL_HOSTS`: service URL hosts trusted besides Teams' own, comma-separated; `*.`
 * in front for every name under a domain (`*.com` alone would trust too much, so it is refused).
 */
function serviceUrlHosts(r: Reader): string[] {
  const hosts = (r.optional('TEAMS_SERVICE_URL_HOSTS') ?? '').split(',').map((host) => host.trim().toLowerCase()).filter(Boolean);
  const malformed = hosts.filter((host) => !SERVICE_URL_HOST.test(host));
  if (malformed.length) {
    r.problems.push(
      `TEAMS_SERVICE_URL_HOSTS must list host names separated by commas ("*." in front for every name under a domain of two labels or more); got ${malformed.map((host) => `"${host}"`).join(', ')}.`,
    );
  }
  return hosts.filter((host) => SERVICE_URL_HOST.test(host));
}
