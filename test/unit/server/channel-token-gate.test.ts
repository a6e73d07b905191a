import { strict as assert } from 'node:assert';
import { channelTokenRefusal, MAX_AUTHORIZATION_HEADER_LENGTH } from '../../../src/server/channel-token-gate';
import { channelIssuerOf } from '../../../src/server/strict-bot-authentication';

const CHANNEL = 'https://api.botframework.com';
const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const token = (claims: Record<string, unknown>) => `${segment({ alg: 'RS256', kid: 'k' })}.${segment(claims)}.${'s'.repeat(342)}`;

describe('The first look at an Authorization header (before botframework-connector reads it)', () => {
  it('lets a channel-sized bearer token from the channel issuer through to the library', () => {
    const header = `Bearer ${token({ iss: CHANNEL, aud: 'app', serviceurl: 'https://smba.trafficmanager.net/amer/', nbf: 1, exp: 2 })}`;
    assert.equal(channelTokenRefusal(header, CHANNEL), undefined);
  });

  it('refuses tokens of any other issuer: the Emulator, skills, Entra tenants, the other cloud', () => {
    for (const iss of ['https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/', 'https://login.microsoftonline.com/t/v2.0', 'https://api.botframework.us', '', undefined, 42]) {
      assert.equal(channelTokenRefusal(`Bearer ${token({ iss, tid: 'x' })}`, CHANNEL), 'otherIssuer', String(iss));
    }
  });

  it('refuses a header longer than the cap before decoding it, even from the channel issuer', () => {
    const padded = `Bearer ${token({ iss: CHANNEL, pad: 'x'.repeat(MAX_AUTHORIZATION_HEADER_LENGTH) })}`;
    assert.equal(channelTokenRefusal(padded, CHANNEL), 'tooLong');
  });

  it('refuses what the library would not read as a bearer JWT', () => {
    const cases: Array<[string | undefined, string]> = [
      [undefined, 'missing'],
      ['', 'missing'],
      ['   ', 'missing'],
      ['Basic dXNlcjpwYXNz', 'notBearer'],
      [`bearer ${token({ iss: CHANNEL })}`, 'notBearer'],
      [`Bearer  ${token({ iss: CHANNEL })}`, 'notBearer'],
      ['Bearer a.b', 'notJwt'],
      ['Bearer ..', 'notJwt'],
      [`Bearer ${segment({})}.bm90IGpzb24.c2ln`, 'notJwt'],
      [`Bearer ${segment({})}.${segment([CHANNEL])}.c2ln`, 'notJwt'],
    ];
    for (const [header, refusal] of cases) assert.equal(channelTokenRefusal(header, CHANNEL), refusal, String(header));
  });
});

describe('The channel issuer the gate expects', () => {
  it('is the one botframework-connector checks: configured, else the US Government cloud’s when ChannelService names it, else the public cloud’s', () => {
    assert.equal(channelIssuerOf({ MicrosoftAppId: 'app' }), 'https://api.botframework.com');
    assert.equal(channelIssuerOf({ MicrosoftAppId: 'app', ChannelService: 'https://botframework.azure.us' }), 'https://api.botframework.us');
    assert.equal(channelIssuerOf({ MicrosoftAppId: 'app', ToBotFromChannelTokenIssuer: 'https://issuer.example' }), 'https://issuer.example');
  });
});
