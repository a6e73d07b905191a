/**
 * The hosts of the service URLs Teams gives the bot, per cloud. Every reply and proactive message
 * goes to an activity's `serviceUrl` with the bot's Bot Connector token, so with a bot identity
 * nothing is sent, nor a conversation kept for later, anywhere else. `*.` matches every name under
 * the domain (not the domain itself).
 */
export const TEAMS_SERVICE_HOSTS: readonly string[] = [
  // Public cloud: every region (/amer/, /emea/, /apac/, /teams/ …) under one host.
  'smba.trafficmanager.net',
  // Bot Framework's own channels (public cloud).
  '*.botframework.com',
  // US Government Community Cloud (GCC), GCC High, Department of Defense.
  'smba.infra.gcc.teams.microsoft.com',
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
  // Bot Framework in the US Government cloud and in Azure China.
  '*.botframework.us',
  '*.botframework.azure.cn',
];

/** Names only this machine reaches: where a plain-http service URL is acceptable (a local stand-in). */
const LOOPBACK_HOST = /^(127(\.\d{1,3}){3}|\[::1\]|localhost)$/;

/** Which service URLs the bot talks to. */
export class ServiceUrlAllowList {
  private constructor(private readonly hosts: readonly string[] | 'any') {}

  /** Teams' hosts and `extra` ones (TEAMS_SERVICE_URL_HOSTS): the rule with a bot identity. */
  static teams(extra: readonly string[] = []): ServiceUrlAllowList {
    return new ServiceUrlAllowList([...TEAMS_SERVICE_HOSTS, ...extra.map((host) => host.toLowerCase())]);
  }

  /** Every service URL: local use without an identity, where the bot listens on loopback only. */
  static anyHost(): ServiceUrlAllowList {
    return new ServiceUrlAllowList('any');
  }

  /**
   * Whether `serviceUrl` may be used: https to an allowed host; plain http only to an allowed
   * loopback host, since elsewhere the bot's token would cross the network in clear.
   */
  allows(serviceUrl: string | undefined): boolean {
    if (this.hosts === 'any') return true;
    const url = parsedUrl(serviceUrl);
    if (!url || !this.hosts.some((allowed) => hostMatches(url.hostname, allowed))) return false;
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOST.test(url.hostname));
  }
}

/** The host a service URL names, for logs (never the path); '' when it is not a URL. */
export function serviceUrlHost(serviceUrl: string | undefined): string {
  return parsedUrl(serviceUrl)?.hostname ?? '';
}

function parsedUrl(value: string | undefined): URL | undefined {
  if (!value) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

function hostMatches(host: string, allowed: string): boolean {
  return allowed.startsWith('*.') ? host.endsWith(allowed.slice(1)) && host.length > allowed.length - 1 : host === allowed;
}
