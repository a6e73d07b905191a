import { ConfidentialClientApplication, LogLevel, type ICachePlugin, type INetworkModule } from '@azure/msal-node';
import type { Logger } from '../../ports/logger';
import { redact } from '../logging/console-logger';
import { RememberedDiscovery } from './remembered-discovery';
import { TimedNetworkClient } from './timed-network-client';

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

/** A certificate credential as msal-node takes it (`auth.clientCertificate`). */
export interface ClientCertificateCredential {
  /** Hex SHA-256 of the DER certificate; msal sends it as the assertion's `x5t#S256` header. */
  thumbprintSha256: string;
  /** PEM private key. Secret. */
  privateKey: string;
  /** PEM certificate chain, sent as `x5c` (subject name / issuer authentication). */
  x5c?: string;
}

export interface ConfidentialClientSettings {
  /** `https://login.microsoftonline.com` or, in tests and demo, the simulator's URL. */
  authorityHost: string;
  tenantId: string;
  clientId: string;
  /** The app's credential: a client secret, or (for tenants that forbid secrets) a certificate. */
  clientSecret?: string;
  clientCertificate?: ClientCertificateCredential;
  logger?: Logger;
  /** Per request to Entra (token, discovery); default DEFAULT_TOKEN_TIMEOUT_MS. */
  timeoutMs?: number;
}

/** Which credential the app uses, for the start-up log: never the secret or the key. */
export function describeCredential(settings: Pick<ConfidentialClientSettings, 'clientSecret' | 'clientCertificate'>): Record<string, string> {
  return settings.clientCertificate
    ? { credential: 'certificate', thumbprintSha256: settings.clientCertificate.thumbprintSha256 }
    : { credential: 'clientSecret' };
}

/** msal's `auth` credential fields: exactly one of them, as msal refuses two. */
function credentialOf(settings: ConfidentialClientSettings): { clientSecret: string } | { clientCertificate: ClientCertificateCredential } {
  if (settings.clientCertificate) {
    if (settings.clientSecret) throw new Error('Give the confidential client a client secret or a certificate, not both.');
    return { clientCertificate: settings.clientCertificate };
  }
  if (!settings.clientSecret) throw new Error('The confidential client needs a client secret or a certificate.');
  return { clientSecret: settings.clientSecret };
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

/**
 * A maker of msal confidential clients, one per use, each with its own token cache plugin (one
 * agent's partition). They share one network module that remembers the authority's discovery
 * documents, so a new client does not fetch them again.
 */
export function confidentialClientFactory(settings: ConfidentialClientSettings): (cachePlugin: ICachePlugin) => ConfidentialClientApplication {
  const network = new RememberedDiscovery(new TimedNetworkClient(settings.timeoutMs));
  return (cachePlugin) => createConfidentialClient(settings, { cachePlugin, network });
}

/** The msal confidential client, with msal's own logging routed to ours without PII. */
export function createConfidentialClient(
  settings: ConfidentialClientSettings,
  shared: { cachePlugin?: ICachePlugin; network?: INetworkModule } = {},
): ConfidentialClientApplication {
  const host = settings.authorityHost.replace(/\/+$/, '');
  const logger = settings.logger?.child({ component: 'msal' });
  return new ConfidentialClientApplication({
    auth: {
      clientId: settings.clientId,
      authority: `${host}/${settings.tenantId}`,
      ...credentialOf(settings),
      knownAuthorities: knownAuthoritiesFor(host),
    },
    ...(shared.cachePlugin ? { cache: { cachePlugin: shared.cachePlugin } } : {}),
    system: {
      networkClient: shared.network ?? new TimedNetworkClient(settings.timeoutMs),
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
