/**
 * The values that fill the manifest's placeholders, read from the same settings the bot reads
 * (environment, `.env`). Only what the package needs is read, so an admin can build the package
 * before storage or groups are set up.
 */

export type Env = Readonly<Record<string, string | undefined>>;

/** Settings the package reads and what each one means (for messages and `.env.example`). */
export const PACKAGE_SETTINGS = {
  AAD_APP_CLIENT_ID: 'the Entra app id of the bot: bot id and SSO app in the manifest',
  TEAMS_APP_ID: "the Teams app's own id (a GUID, as the Agents Toolkit creates it); defaults to AAD_APP_CLIENT_ID",
  BOT_PUBLIC_URL: "the bot's public https base URL: developer website and valid domain",
  APP_VERSION: 'the app version shown in Teams (x.y.z); raise it for every update you upload',
  COMPANY_NAME: 'the developer name shown in Teams, at most 32 characters',
  APP_PRIVACY_URL: "your organisation's privacy statement (https)",
  APP_TERMS_URL: "your organisation's terms of use (https)",
} as const;

export const DEFAULT_COMPANY_NAME = 'IT Helpdesk';

export interface PackageValues {
  /** Placeholder name → value. `BOT_DOMAIN` is derived from `BOT_PUBLIC_URL`. */
  values: Record<string, string>;
  /** Every missing or malformed setting, one sentence each. */
  problems: string[];
  /** Settings that were not given and took their default. */
  defaulted: string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Teams wants MAJOR.MINOR.PATCH, without pre-release or build parts, and no leading zeros. */
export const APP_VERSION_PATTERN = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

const read = (env: Env, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value ? value : undefined;
};

/** An https URL without query or fragment, trailing slashes removed; a problem otherwise. */
function httpsUrl(name: string, raw: string, problems: string[]): URL | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(`${name} must be an https URL; got "${raw}".`);
    return undefined;
  }
  if (url.protocol !== 'https:') {
    problems.push(`${name} must be an https URL; got "${raw}".`);
    return undefined;
  }
  if (url.username || url.password || url.search || url.hash) {
    problems.push(`${name} must be a plain URL, without credentials, query or fragment; got "${url.origin}${url.pathname}…".`);
    return undefined;
  }
  return url;
}

const withoutTrailingSlash = (url: URL): string => url.href.replace(/\/+$/, '');

/**
 * Read the package settings. `appVersion` is the default for APP_VERSION (the project's
 * package.json version).
 */
export function packageValuesFrom(env: Env, defaults: { appVersion: string }): PackageValues {
  const problems: string[] = [];
  const defaulted: string[] = [];
  const values: Record<string, string> = {};

  const clientId = read(env, 'AAD_APP_CLIENT_ID');
  if (!clientId) problems.push(`AAD_APP_CLIENT_ID is required (${PACKAGE_SETTINGS.AAD_APP_CLIENT_ID}).`);
  else if (!GUID.test(clientId)) problems.push(`AAD_APP_CLIENT_ID must be a GUID; got "${clientId}".`);
  else values.AAD_APP_CLIENT_ID = clientId.toLowerCase();
  const botAppId = read(env, 'MicrosoftAppId');
  if (botAppId && clientId && botAppId.toLowerCase() !== clientId.toLowerCase()) {
    problems.push('MicrosoftAppId and AAD_APP_CLIENT_ID must be the same Entra app: the manifest uses one id for the bot and SSO.');
  }

  // The Teams app id only names the app in Teams; earlier packages used the Entra app id, and an
  // update must keep the id it was first uploaded with, so that stays the default.
  const teamsAppId = read(env, 'TEAMS_APP_ID');
  if (!teamsAppId) {
    defaulted.push('TEAMS_APP_ID');
    if (values.AAD_APP_CLIENT_ID) values.TEAMS_APP_ID = values.AAD_APP_CLIENT_ID;
  } else if (!GUID.test(teamsAppId)) problems.push(`TEAMS_APP_ID must be a GUID; got "${teamsAppId}".`);
  else values.TEAMS_APP_ID = teamsAppId.toLowerCase();

  const publicRaw = read(env, 'BOT_PUBLIC_URL');
  const publicUrl = publicRaw ? httpsUrl('BOT_PUBLIC_URL', publicRaw, problems) : undefined;
  if (!publicRaw) problems.push(`BOT_PUBLIC_URL is required (${PACKAGE_SETTINGS.BOT_PUBLIC_URL}).`);
  if (publicUrl) {
    values.BOT_PUBLIC_URL = withoutTrailingSlash(publicUrl);
    values.BOT_DOMAIN = publicUrl.hostname;
  }

  const version = read(env, 'APP_VERSION') ?? defaults.appVersion;
  if (!read(env, 'APP_VERSION')) defaulted.push('APP_VERSION');
  if (APP_VERSION_PATTERN.test(version)) values.APP_VERSION = version;
  else problems.push(`APP_VERSION must be a version like 1.2.3 (${PACKAGE_SETTINGS.APP_VERSION}); got "${version}".`);

  const company = read(env, 'COMPANY_NAME') ?? DEFAULT_COMPANY_NAME;
  if (!read(env, 'COMPANY_NAME')) defaulted.push('COMPANY_NAME');
  if (company.length <= 32) values.COMPANY_NAME = company;
  else problems.push(`COMPANY_NAME must be at most 32 characters; it has ${company.length}.`);

  for (const [name, path] of [['APP_PRIVACY_URL', '/privacy'], ['APP_TERMS_URL', '/terms']] as const) {
    const raw = read(env, name);
    if (raw) {
      const url = httpsUrl(name, raw, problems);
      if (url) values[name] = withoutTrailingSlash(url);
    } else if (values.BOT_PUBLIC_URL) {
      defaulted.push(name);
      values[name] = `${values.BOT_PUBLIC_URL}${path}`;
    }
  }
  return { values, problems, defaulted };
}
