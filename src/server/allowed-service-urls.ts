import { ConnectorFactory, type ConnectorClient } from 'botframework-connector';
import { serviceUrlHost, type ServiceUrlAllowList } from '../adapters/teams/service-url-allow-list';
import type { Logger } from '../ports/logger';

/** A service URL outside the allow-list: nothing was sent. Only the host is named (never the path). */
export class ServiceUrlNotAllowedError extends Error {
  constructor(readonly host: string) {
    super(`Not a Teams service host: ${host || '(no URL)'}; nothing was sent.`);
    this.name = 'ServiceUrlNotAllowedError';
  }
}

/**
 * Connector clients for allowed service URLs only. Every reply, proactive message and new 1:1 goes
 * through a connector factory (CloudAdapter asks one for the activity's or the stored
 * reference's service URL), and the client is what attaches the bot's Bot Connector token: a
 * stored reference to any other host is dropped here, logged, and never reached.
 */
export class AllowedServiceUrlConnectors extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly allowList: ServiceUrlAllowList,
    private readonly logger: Logger,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    if (this.allowList.allows(serviceUrl)) return this.inner.create(serviceUrl, audience);
    const host = serviceUrlHost(serviceUrl);
    this.logger.warn('bot.serviceUrl.refused', { host, direction: 'outbound' });
    return Promise.reject(new ServiceUrlNotAllowedError(host));
  }
}
