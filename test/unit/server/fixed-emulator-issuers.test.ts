import { strict as assert } from 'node:assert';
import { EmulatorValidation, ToBotFromBotOrEmulatorTokenValidationParameters } from 'botframework-connector';
import { fixEmulatorIssuers } from '../../../src/server/fixed-emulator-issuers';

const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const bearer = (claims: Record<string, unknown>) => `Bearer ${segment({ alg: 'RS256', kid: 'k' })}.${segment(claims)}.c2ln`;
const issuers = () => ToBotFromBotOrEmulatorTokenValidationParameters.issuer as readonly string[];

describe('botframework-connector’s Emulator issuer list, fixed at start-up', () => {
  const fixed = fixEmulatorIssuers();

  it('no longer grows with the tenant ids of the tokens the library decodes', () => {
    const before = [...issuers()];
    for (let i = 0; i < 100; i++) {
      EmulatorValidation.isTokenFromEmulator(bearer({ iss: 'https://sts.windows.net/attacker/', tid: `tenant-${i}-${'x'.repeat(1000)}` }));
    }
    assert.deepEqual([...issuers()], before);
  });

  it('still tells the library’s own Emulator issuers from others, with or without a tid', () => {
    const emulator = 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/';
    assert.equal(EmulatorValidation.isTokenFromEmulator(bearer({ iss: emulator })), true);
    assert.equal(EmulatorValidation.isTokenFromEmulator(bearer({ iss: emulator, tid: 'new-tenant' })), true);
    assert.equal(EmulatorValidation.isTokenFromEmulator(bearer({ iss: 'https://api.botframework.com', tid: 'new-tenant' })), false);
  });

  it('cannot be changed or replaced, and fixing it again changes nothing', () => {
    assert.ok(Object.isFrozen(fixed));
    assert.throws(() => (ToBotFromBotOrEmulatorTokenValidationParameters as { issuer: unknown }).issuer = ['https://evil.example/']);
    assert.throws(() => (fixed as string[]).splice(0, 1));
    assert.equal(fixEmulatorIssuers(), fixed);
    assert.equal(issuers(), fixed);
    // The library copies the list into its verify options with a spread: still every entry.
    assert.deepEqual([...issuers()], [...fixed]);
  });
});
