import { strict as assert } from 'node:assert';
import { catalogVerdict, customConfigurationVerdict } from '../../../../src/domain/readiness/pin-recovery-rules';
import { TENANT, customPolicy, seedUri } from './support/fake-readiness-gateway';

describe('what counts as PIN recovery on', () => {
  it('the OMA-URI is matched whatever its case, for Device and User, with Boolean, String or Integer true', () => {
    for (const uri of [seedUri(), seedUri().toLowerCase(), seedUri().replace('./Device/', './User/')]) {
      for (const value of [true, 'True', 1]) {
        assert.equal(customConfigurationVerdict(customPolicy('c', 'c', uri, value), TENANT), 'enables', `${uri} = ${String(value)}`);
      }
    }
  });

  it('false is "disabled", another tenant id is a near miss, anything else is silence', () => {
    assert.equal(customConfigurationVerdict(customPolicy('c', 'c', seedUri(), false), TENANT), 'disabled');
    assert.equal(customConfigurationVerdict(customPolicy('c', 'c', seedUri('11111111-1111-4111-8111-111111111111')), TENANT), 'otherTenant');
    assert.equal(customConfigurationVerdict(customPolicy('c', 'c', './Device/Vendor/MSFT/Policy/Config/Wifi/AllowWiFi', 1), TENANT), undefined);
  });

  it('a Settings catalog value must be the _true option', () => {
    const id = 'user_vendor_msft_passportforwork_{tenantid}_policies_enablepinrecovery';
    assert.equal(catalogVerdict([{ settingDefinitionId: id, value: `${id}_true` }], TENANT), 'enables');
    assert.equal(catalogVerdict([{ settingDefinitionId: id, value: `${id}_false` }], TENANT), 'disabled');
    assert.equal(catalogVerdict([{ settingDefinitionId: 'device_vendor_msft_passportforwork_biometrics_usebiometrics', value: 'x_true' }], TENANT), undefined);
  });
});
