import assert from 'node:assert/strict';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { createConfidentialClient, knownAuthoritiesFor } from '../../../../src/adapters/identity/confidential-client';

describe('msal confidential client', () => {
  it("lists no known authority for Microsoft's own hosts (msal knows them)", () => {
    assert.deepEqual(knownAuthoritiesFor('https://login.microsoftonline.com'), []);
    assert.deepEqual(knownAuthoritiesFor('https://login.microsoftonline.us/'), []);
  });

  it('lists any other authority host with its port, so no instance discovery happens', () => {
    assert.deepEqual(knownAuthoritiesFor('https://127.0.0.1:8443'), ['127.0.0.1:8443']);
    assert.deepEqual(knownAuthoritiesFor('https://login.contoso.test'), ['login.contoso.test']);
  });

  it('builds a confidential client for a simulated authority', () => {
    const client = createConfidentialClient({
      authorityHost: 'https://127.0.0.1:8443/',
      tenantId: '0f0e0d0c-0000-4000-8000-000000000001',
      clientId: 'c1c1c1c1-0000-4000-8000-000000000002',
      clientSecret: 'not-a-real-secret',
    });
    assert.ok(client instanceof ConfidentialClientApplication);
  });
});
