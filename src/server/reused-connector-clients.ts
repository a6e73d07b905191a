import { AuthenticationConstants, ConnectorFactory, type ClaimsIdentity, type ConnectorClient, type UserTokenClient } from 'botframework-connector';
import { dropOldest } from '../shared/recency-map';

/**
 * Bot Connector clients reused across turns. botbuilder's CloudAdapter builds a new ConnectorClient
 * (a whole HTTP pipeline with its credentials) for every incoming turn and every proactive message,
 * and a UserTokenClient for every turn: under load that is most of what a turn allocates, and those
 * objects live as long as the turn's outbound calls, long enough to reach the old generation. A
 * client holds no per-conversation state (the activity carries the conversation), so one client
 * per app id, service URL and audience serves every turn; the credentials inside keep their token.
 */
export class ReusedConnectorClients {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();
  private readonly userTokens = new Map<string, Promise<UserTokenClient>>();

  /** `maxClients` per kind: Teams uses a few service URLs per region; more would be unusual. */
  constructor(private readonly maxClients = 100) {}

  /** A factory whose clients come from `inner` once per service URL and audience, then are reused. */
  connectorFactory(claimsIdentity: ClaimsIdentity, inner: ConnectorFactory): ConnectorFactory {
    const appId = appIdOf(claimsIdentity);
    return new ReusingConnectorFactory((serviceUrl, audience) =>
      this.reuse(this.connectors, `${appId}\n${serviceUrl}\n${audience ?? ''}`, () => inner.create(serviceUrl, audience)),
    );
  }

  userTokenClient(claimsIdentity: ClaimsIdentity, create: () => Promise<UserTokenClient>): Promise<UserTokenClient> {
    return this.reuse(this.userTokens, appIdOf(claimsIdentity), create);
  }

  private reuse<T>(clients: Map<string, Promise<T>>, key: string, create: () => Promise<T>): Promise<T> {
    const known = clients.get(key);
    if (known) return known;
    const created = create();
    clients.set(key, created);
    dropOldest(clients, this.maxClients);
    // A failed creation is not kept: the next turn tries again.
    created.catch(() => {
      if (clients.get(key) === created) clients.delete(key);
    });
    return created;
  }
}

class ReusingConnectorFactory extends ConnectorFactory {
  constructor(private readonly get: (serviceUrl: string, audience?: string) => Promise<ConnectorClient>) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.get(serviceUrl, audience);
  }
}

/** The app id botbuilder builds the credentials for: the audience claim, else the appid claim. */
function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
}
