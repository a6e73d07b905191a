import { strict as assert } from 'node:assert';
import { newRequestCard } from '../../../src/cards/approvals/employee-cards';
import { reasonText } from '../../../src/cards/device-text';
import { describeFailure } from '../../../src/cards/failure-text';
import { evaluateDevices } from '../../../src/domain/eligibility/evaluate';
import type { DeviceOption } from '../../../src/domain/eligibility/types';
import { androidWorkProfile, iPhone, windowsPc } from '../../fakes';
import { cardOf, textOf } from './card-inspect';

/** The words agents and employees read about today's platforms. */
describe('platform texts', () => {
  const failed = { code: 'reset.failed' as const, errorCode: '-2016345060', deviceId: 'dev-1' };

  it('a failed Android reset names the usual causes first, and keeps the code and the device link', () => {
    const view = describeFailure(failed, 'en', { operatingSystem: 'Android' });
    assert.match(view.hints.join(' '), /no device passcode or work-profile password policy is assigned.*the most common/);
    assert.match(view.hints.join(' '), /reset token/);
    assert.match(view.hints.join(' '), /work profile is turned off/);
    assert.match(view.notes.join(' '), /-2016345060/);
    assert.match(view.links.join(' '), /mdmDeviceId\/dev-1/);
  });

  it('a failed iPhone or iPad removal says only a wipe helps (also from a stored platform label); in Japanese too', () => {
    assert.match(describeFailure(failed, 'en', { operatingSystem: 'iOS' }).hints.join(' '), /wrong unlock token.*only a wipe/);
    assert.match(describeFailure(failed, 'en', { operatingSystem: 'iOS/iPadOS' }).hints.join(' '), /only a wipe/);
    assert.match(describeFailure(failed, 'ja', { operatingSystem: 'iPadOS' }).hints.join(' '), /ワイプ/);
  });

  it('a Windows 10 Mobile failure, or any other error, adds no platform hint', () => {
    assert.deepEqual(describeFailure(failed, 'en', { operatingSystem: 'Windows' }).hints, []);
    assert.deepEqual(describeFailure({ code: 'graph.forbidden' }, 'en', { operatingSystem: 'Android' }).hints, []);
  });

  it('a Windows 10/11 PC says how the employee resets the PIN, and what the tenant\'s readiness says', () => {
    const [pc] = evaluateDevices([windowsPc()]);
    const withStatus = (status: string): DeviceOption => ({
      ...pc!,
      verdict: { ...pc!.verdict, reasonParams: { ...pc!.verdict.reasonParams, pinRecovery: status } },
    });
    assert.match(reasonText(pc!, 'en'), /“I forgot my PIN”/);
    assert.doesNotMatch(reasonText(pc!, 'en'), /non-destructive/i);
    assert.match(reasonText(withStatus('ready'), 'en'), /has non-destructive PIN reset set up/);
    assert.match(reasonText(withStatus('notReady'), 'en'), /not fully set up.*setup check/);
    assert.match(reasonText(withStatus('unknown'), 'ja'), /確認できませんでした/);
  });

  it('an employee choosing a device learns when its passcode is removed, or only the work profile\'s is reset', () => {
    const card = textOf(
      cardOf(newRequestCard(evaluateDevices([iPhone({ deviceName: 'MY-IPHONE' }), androidWorkProfile({ deviceName: 'MY-PIXEL' })]), 'en')),
    );
    assert.match(card, /MY-IPHONE[\s\S]*its passcode is removed, not replaced/);
    assert.match(card, /MY-PIXEL[\s\S]*only the work profile gets a new passcode/);
  });
});
