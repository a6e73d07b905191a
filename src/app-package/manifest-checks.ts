/**
 * What the Teams schema leaves unchecked but Teams (or our SSO) relies on: a semver `version`, one
 * Entra app id for the bot and SSO (the Teams app `id` may differ), the SSO resource
 * `api://botid-{bot id}`, host names in `validDomains`, and icon paths at the package root.
 */
import { APP_VERSION_PATTERN } from './package-values';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A host name (wildcard allowed, as Teams permits), without scheme, port or path. */
const DOMAIN = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

/** The icon file names the manifest refers to, as found in `icons`. */
export function iconFilesOf(manifest: unknown): { color?: string; outline?: string } {
  const icons = isObject(manifest) && isObject(manifest.icons) ? manifest.icons : {};
  return {
    color: typeof icons.color === 'string' ? icons.color : undefined,
    outline: typeof icons.outline === 'string' ? icons.outline : undefined,
  };
}

/** Problems the schema does not catch; empty when there are none. */
export function checkManifest(manifest: unknown): string[] {
  if (!isObject(manifest)) return ['The manifest is not a JSON object.'];
  const problems: string[] = [];

  if (typeof manifest.version !== 'string' || !APP_VERSION_PATTERN.test(manifest.version)) {
    problems.push(`version must be MAJOR.MINOR.PATCH (semver without pre-release); got ${JSON.stringify(manifest.version)}.`);
  }

  const bots = Array.isArray(manifest.bots) ? manifest.bots : [];
  const botId = isObject(bots[0]) ? bots[0].botId : undefined;
  if (typeof botId !== 'string') problems.push('bots[0].botId is required: the Entra app id of the bot.');

  const sso = manifest.webApplicationInfo;
  if (!isObject(sso)) problems.push('webApplicationInfo is required for Teams SSO.');
  else if (typeof botId === 'string') {
    if (sso.id !== botId) problems.push('webApplicationInfo.id must equal bots[0].botId: the bot is the Entra app that receives the SSO token.');
    if (sso.resource !== `api://botid-${botId}`) problems.push(`webApplicationInfo.resource must be api://botid-${botId}; got ${JSON.stringify(sso.resource)}.`);
  }

  const domains = Array.isArray(manifest.validDomains) ? manifest.validDomains : [];
  if (domains.length === 0) problems.push("validDomains must list the bot's public host.");
  for (const domain of domains) {
    if (typeof domain !== 'string' || !DOMAIN.test(domain)) problems.push(`validDomains entries are host names without scheme, port or path; got ${JSON.stringify(domain)}.`);
  }

  const icons = iconFilesOf(manifest);
  for (const [kind, file] of Object.entries(icons)) {
    if (file === undefined || file.includes('/') || file.includes('\\')) problems.push(`icons.${kind} must name a file at the package root; got ${JSON.stringify(file)}.`);
  }
  if (icons.color !== undefined && icons.color === icons.outline) problems.push('icons.color and icons.outline must be two different files.');
  return problems;
}
