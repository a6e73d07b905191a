import assert from 'node:assert/strict';
import { assertNoSecrets, bodyProperties, readBody, SecretInStorageError } from '../../../../src/adapters/azure/stored-json';

describe('documents stored in table entities', () => {
  it('a small document is one property and reads back equal', () => {
    const properties = bodyProperties({ id: 'r1', n: 1 });
    assert.deepEqual(Object.keys(properties), ['body']);
    assert.deepEqual(readBody(properties), { id: 'r1', n: 1 });
  });

  it('a long document is split under the 32K-character property limit and reads back equal', () => {
    const document = { id: 'r1', text: 'a'.repeat(70_000) };
    const properties = bodyProperties(document);
    assert.equal(properties.bodyParts, 3);
    for (const [key, value] of Object.entries(properties)) {
      if (typeof value === 'string') assert.ok(value.length <= 30_000, `${key} is ${value.length} characters`);
    }
    assert.deepEqual(readBody(properties), document);
  });

  it('never cuts an emoji (a surrogate pair) in two', () => {
    // `{"t":"` is 6 characters: put an emoji across the 30,000th character.
    const document = { t: `${'a'.repeat(29_993)}😀${'b'.repeat(10)}` };
    const properties = bodyProperties(document);
    for (const value of Object.values(properties)) {
      if (typeof value !== 'string') continue;
      assert.ok(Buffer.from(value, 'utf8').toString('utf8') === value, 'each part survives UTF-8 on its own');
    }
    assert.deepEqual(readBody(properties), document);
  });

  it('refuses fields named like secrets and JWT-shaped values, naming only the path', () => {
    for (const bad of [{ passcode: '1234' }, { a: { accessToken: 'x' } }, { list: [{ Password: 'p' }] }, { clientSecret: 's' }]) {
      assert.throws(() => assertNoSecrets(bad), SecretInStorageError);
    }
    const jwt = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.sig';
    assert.throws(() => bodyProperties({ ref: { note: `Bearer ${jwt}` } }), (error: Error) => {
      assert.match(error.message, /\$\.ref\.note/);
      assert.ok(!error.message.includes(jwt));
      return true;
    });
    assert.doesNotThrow(() => assertNoSecrets({ outcome: 'newPasscode', verdict: { outcome: 'passcodeRemoved' } }), 'values may name passcodes');
  });
});
