import { strict as assert } from 'node:assert';
import { AuthenticationConstants, ClaimsIdentity, ConnectorFactory, type ConnectorClient } from 'botframework-connector';
import { ReusedConnectorClients } from '../../../src/server/reused-connector-clients';
import { StrictBotFrameworkAuthentication } from '../../../src/server/strict-bot-authentication';

const TEAMS = 'https://smba.trafficmanager.net/amer/';
const OTHER_REGION = 'https://smba.trafficmanager.net/emea/';
const identity = (appId: string) => new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: appId }], true);

/** botbuilder's own factory (local mode: no credentials needed), counting the clients it builds. */
class CountingFactory extends ConnectorFactory {
  built = 0;
  failures = 0;
  private readonly inner = new StrictBotFrameworkAuthentication({}).createConnectorFactory(identity(''));

  async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('credentials unavailable');
    }
    this.built += 1;
    return this.inner.create(serviceUrl, audience);
  }
}

describe('Bot Connector clients reused across turns', () => {
  it('when turns and proactive messages go to the same service URL, then they share one client', async () => {
    const auth = new StrictBotFrameworkAuthentication({});
    const first = await auth.createConnectorFactory(identity('')).create(TEAMS);
    const again = await auth.createConnectorFactory(identity('')).create(TEAMS);
    const elsewhere = await auth.createConnectorFactory(identity('')).create(OTHER_REGION);
    assert.equal(again, first);
    assert.notEqual(elsewhere, first);
    assert.equal(await auth.createUserTokenClient(identity('')), await auth.createUserTokenClient(identity('')));
  });

  it('keeps clients of different app ids and audiences apart', async () => {
    const clients = new ReusedConnectorClients();
    const inner = new CountingFactory();
    await clients.connectorFactory(identity('app-1'), inner).create(TEAMS);
    await clients.connectorFactory(identity('app-2'), inner).create(TEAMS);
    await clients.connectorFactory(identity('app-1'), inner).create(TEAMS, 'https://api.botframework.com');
    await clients.connectorFactory(identity('app-1'), inner).create(TEAMS);
    assert.equal(inner.built, 3);
  });

  it('when building a client fails, then the next call tries again', async () => {
    const clients = new ReusedConnectorClients();
    const inner = new CountingFactory();
    inner.failures = 1;
    await assert.rejects(clients.connectorFactory(identity('app'), inner).create(TEAMS), /credentials unavailable/);
    await clients.connectorFactory(identity('app'), inner).create(TEAMS);
    assert.equal(inner.built, 1);
  });

  it('beyond its bound, the oldest client is let go', async () => {
    const clients = new ReusedConnectorClients(2);
    const inner = new CountingFactory();
    const factory = clients.connectorFactory(identity('app'), inner);
    for (const url of ['https://a.example/', 'https://b.example/', 'https://c.example/']) await factory.create(url);
    await factory.create('https://c.example/');
    await factory.create('https://a.example/');
    assert.equal(inner.built, 4);
  });
});
