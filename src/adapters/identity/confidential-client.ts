import { ConfidentialClientApplication, LogLevel } from '@azure/msal-node';
import type { Logger } from '../../ports/logger';
import { redact } from '../logging/console-logger';

/** Authority hosts msal knows by itself (public and sovereign clouds). */
const MICROSOFT_AUTHORITY_HOSTS = new Set([
  'login.microsoftonline.com',
  'login.microsoft.com',
  'login.windows.net',
  'sts.windows.net',
  'login.microsoftonline.us',
  'login-us.microsoftonline.com',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
  'login.microsoftonline.de',
]);

export interface ConfidentialClientSettings {
  /** `https://login.microsoftonline.com` or, in tests and demo, the simulator's URL. */
  authorityHost: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  logger?: Logger;
}

/**
 * `knownAuthorities` for an authority host: empty for Microsoft's own hosts; otherwise the
 * host[:port], so that msal trusts it without asking Microsoft's instance discovery endpoint
 * (which knows nothing of a private host and is out of reach offline).
 */
export function knownAuthoritiesFor(authorityHost: string): string[] {
  const url = new URL(authorityHost);
  return MICROSOFT_AUTHORITY_HOSTS.has(url.hostname.toLowerCase()) ? [] : [url.host];
}

/** The msal confidential client for on-behalf-of, with msal's own logging routed to ours without PII. */
export function createConfidentialClient(settings: ConfidentialClientSettings): ConfidentialClientApplication {
  const host = settings.authorityHost.replace(/\/+$/, '');
  const logger = settings.logger?.child({ component: 'msal' });
  return new ConfidentialClientApplication({
    auth: {
      clientId: settings.clientId,
      authority: `${host}/${settings.tenantId}`,
      clientSecret: settings.clientSecret,
      knownAuthorities: knownAuthoritiesFor(host),
    },
    system: {
      loggerOptions: {
        piiLoggingEnabled: false,
        logLevel: LogLevel.Warning,
        loggerCallback: (level, message, containsPii) => {
          if (containsPii || !logger) return;
          const fields = { message: redact(message) };
          if (level === LogLevel.Error) logger.error('msal.log', fields);
          else if (level === LogLevel.Warning) logger.warn('msal.log', fields);
          else logger.debug('msal.log', fields);
        },
      },
    },
  });
}
