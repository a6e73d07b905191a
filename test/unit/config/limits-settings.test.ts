import assert from 'node:assert/strict';
import { loadSettings, SettingsError } from '../../../src/config/settings';
import { PRODUCTION_ENV } from './settings-env';

const PRODUCTION = PRODUCTION_ENV;

describe('limit settings', () => {
  it('an instance makes at most 1,600 Intune reads per 20 s unless told otherwise', () => {
    assert.equal(loadSettings(PRODUCTION).limits.intuneReadsPer20s, 1_600);
  });

  it('with several instances, each can be given its share of Intune read budget', () => {
    assert.equal(loadSettings({ ...PRODUCTION, INTUNE_READS_PER_20S: '500' }).limits.intuneReadsPer20s, 500);
  });

  it('refuses more reads than Intune allows an app, or nonsense, naming the setting and its range', () => {
    for (const value of ['2001', '0', 'lots', '12.5']) {
      assert.throws(
        () => loadSettings({ ...PRODUCTION, INTUNE_READS_PER_20S: value }),
        (error: unknown) => error instanceof SettingsError && error.problems.length === 1 && error.problems[0] === `INTUNE_READS_PER_20S must be a whole number from 20 to 2000; got "${value}".`,
        value,
      );
    }
  });
});
