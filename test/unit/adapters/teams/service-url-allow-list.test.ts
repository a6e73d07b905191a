import { strict as assert } from 'node:assert';
import { ServiceUrlAllowList, serviceUrlHost } from '../../../../src/adapters/teams/service-url-allow-list';

describe('Which service URLs the bot talks to', () => {
  const teams = ServiceUrlAllowList.teams();

  it('with a bot identity, allows the service URLs Teams uses in every cloud', () => {
    for (const url of [
      'https://smba.trafficmanager.net/amer/',
      'https://smba.trafficmanager.net/emea/',
      'https://smba.trafficmanager.net/teams/',
      'https://smba.infra.gcc.teams.microsoft.com/teams',
      'https://smba.infra.gov.teams.microsoft.us/teams',
      'https://smba.infra.dod.teams.microsoft.us/teams',
      'https://webchat.botframework.com/',
      'https://directline.botframework.us/',
      'https://webchat.botframework.azure.cn/',
      'https://SMBA.TrafficManager.NET:443/amer/',
    ]) {
      assert.equal(teams.allows(url), true, url);
    }
  });

  it('refuses every other host, including look-alikes and the bare wildcard domains', () => {
    for (const url of [
      'https://attacker.example/',
      'https://smba.trafficmanager.net.attacker.example/amer/',
      'https://evilbotframework.com/',
      'https://botframework.com/',
      'https://smba.trafficmanager.net@attacker.example/',
      'https://trafficmanager.net/',
      'http://127.0.0.1:3978/',
      'not a url',
      '',
      undefined,
    ]) {
      assert.equal(teams.allows(url), false, String(url));
    }
  });

  it('refuses plain http to a Teams host: the bot’s token would cross the network in clear', () => {
    assert.equal(teams.allows('http://smba.trafficmanager.net/amer/'), false);
    assert.equal(teams.allows('ftp://smba.trafficmanager.net/amer/'), false);
  });

  it('adds the hosts of TEAMS_SERVICE_URL_HOSTS, exact or under a domain; plain http only to a loopback one', () => {
    const extended = ServiceUrlAllowList.teams(['127.0.0.1', '*.Bots.Contoso.com', 'proxy.contoso.com']);
    assert.equal(extended.allows('http://127.0.0.1:41234/'), true);
    assert.equal(extended.allows('https://eu.bots.contoso.com/'), true);
    assert.equal(extended.allows('https://bots.contoso.com/'), false);
    assert.equal(extended.allows('https://proxy.contoso.com/x/'), true);
    assert.equal(extended.allows('http://proxy.contoso.com/x/'), false);
    assert.equal(extended.allows('http://127.0.0.2:41234/'), false);
    assert.equal(extended.allows('https://smba.trafficmanager.net/amer/'), true, 'Teams’ own hosts stay');
  });

  it('without an identity (local use on loopback), allows whatever stand-in posts', () => {
    assert.equal(ServiceUrlAllowList.anyHost().allows('http://localhost:56150/'), true);
  });

  it('names only the host of a service URL in logs', () => {
    assert.equal(serviceUrlHost('https://attacker.example/path?token=x'), 'attacker.example');
    assert.equal(serviceUrlHost('nonsense'), '');
  });
});
