import assert from 'node:assert/strict';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { createConfidentialClient, describeCredential } from '../../../../src/adapters/identity/confidential-client';

const BASE = { authorityHost: 'https://127.0.0.1:8443', tenantId: '0f0e0d0c-0000-4000-8000-000000000001', clientId: 'c1c1c1c1-0000-4000-8000-000000000002' };
const CERTIFICATE = { thumbprintSha256: 'AB'.repeat(32), privateKey: '-----BEGIN PRIVATE KEY-----\nnot-real\n-----END PRIVATE KEY-----\n' };

describe('the app credential given to msal', () => {
  it('builds a confidential client from a certificate alone', () => {
    assert.ok(createConfidentialClient({ ...BASE, clientCertificate: CERTIFICATE }) instanceof ConfidentialClientApplication);
  });

  it('an empty secret next to a certificate counts as no secret (the composition root passes what settings hold)', () => {
    assert.ok(createConfidentialClient({ ...BASE, clientSecret: '', clientCertificate: CERTIFICATE }) instanceof ConfidentialClientApplication);
  });

  it('refuses both a secret and a certificate, and neither', () => {
    assert.throws(() => createConfidentialClient({ ...BASE, clientSecret: 's', clientCertificate: CERTIFICATE }), /secret or a certificate, not both/);
    assert.throws(() => createConfidentialClient({ ...BASE }), /needs a client secret or a certificate/);
  });

  it('describes the credential for the start-up log without its secret or key', () => {
    assert.deepEqual(describeCredential({ clientSecret: 'super-secret' }), { credential: 'clientSecret' });
    const said = describeCredential({ clientCertificate: CERTIFICATE });
    assert.deepEqual(said, { credential: 'certificate', thumbprintSha256: CERTIFICATE.thumbprintSha256 });
    assert.doesNotMatch(JSON.stringify(said), /PRIVATE KEY|not-real/);
  });
});
