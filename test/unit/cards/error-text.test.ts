import { strict as assert } from 'node:assert';
import { ERROR_CODES, errorKeys } from '../../../src/cards/failure-text';
import { errorText } from '../../../src/cards/views';
import { AppError, type ErrorCode } from '../../../src/domain/errors';
import { flowCard } from '../../../src/cards/views';
import { LOCALES, t } from '../../../src/i18n';
import { cardOf, textOf } from './card-inspect';
import { flowIn } from './fixtures';

const INTUNE_LINK =
  'https://intune.microsoft.com/#view/Microsoft_Intune_Devices/DeviceSettingsMenuBlade/~/overview/mdmDeviceId/';

describe('errorText', () => {
  for (const locale of LOCALES) {
    for (const code of ERROR_CODES) {
      it(`${code} (${locale}): what happened, what to do and the error code, never the technical message`, () => {
        const error = new AppError(code, 'GET https://graph.microsoft.com/v1.0/secret failed: ECONNRESET', {});
        const text = errorText(error, locale);
        assert.ok(text.includes(t(locale, errorKeys(code).what)), text);
        assert.ok(text.includes(code), text);
        assert.ok(!text.includes('ECONNRESET'));
        assert.ok(!/\n\s+at /.test(text), 'no stack trace');
        assert.ok(!text.includes('{'), `placeholder left: ${text}`);
      });

      it(`${code} (${locale}): the failed flow card says the same`, () => {
        const card = cardOf(flowCard(flowIn('failed', { failure: { code, requestId: 'req-1' } }), locale));
        const text = textOf(card);
        assert.ok(!JSON.stringify(card).includes('${'));
        assert.ok(text.includes(t(locale, errorKeys(code).what)), text);
        assert.ok(text.includes('req-1'));
      });
    }
  }

  it('gives the Graph error code and request id', () => {
    const text = errorText(new AppError('graph.badRequest', 'x', { errorCode: 'BadRequest', requestId: 'abc-123' }), 'en');
    assert.match(text, /Error code: graph\.badRequest \(BadRequest\)/);
    assert.match(text, /Request id: abc-123/);
  });

  it('when a device is known, then links to it in the Intune admin center', () => {
    const text = errorText(new AppError('reset.failed', 'x', { deviceId: 'dev-1', errorCode: '1234' }), 'en');
    assert.match(text, /Intune reports that the passcode reset failed\./);
    assert.ok(text.includes(`[Open the device in the Intune admin center](${INTUNE_LINK}dev-1)`), text);
  });

  it('when no device is known, then there is no Intune link', () => {
    assert.ok(!errorText(new AppError('access.notHelpdesk', 'x'), 'en').includes('intune.microsoft.com'));
  });

  it('when a device id has odd characters, then they cannot break the link', () => {
    const text = errorText(new AppError('reset.failed', 'x', { deviceId: 'a) [b](c' }), 'en');
    assert.ok(text.includes(`${INTUNE_LINK}a%29%20%5Bb%5D%28c)`), text);
  });

  describe('auth.consentRequired', () => {
    const consentUrl = 'https://login.microsoftonline.com/tenant-1/adminconsent?client_id=app-1';

    it('gives the admin consent link', () => {
      const text = errorText(new AppError('auth.consentRequired', 'x', { consentUrl }), 'en');
      assert.ok(text.includes(`[Grant admin consent](${consentUrl})`), text);
      assert.match(text, /administrator must grant admin consent/);
    });

    it('in Japanese too', () => {
      const text = errorText(new AppError('auth.consentRequired', 'x', { consentUrl }), 'ja');
      assert.ok(text.includes(`[管理者の同意を付与する](${consentUrl})`), text);
    });

    for (const bad of [undefined, 'javascript:alert(1)', 'http://login.example/adminconsent', 'not a url']) {
      it(`when the link is ${String(bad)}, then no link is shown and the text says where to consent`, () => {
        const text = errorText(new AppError('auth.consentRequired', 'x', { consentUrl: bad }), 'en');
        assert.doesNotMatch(text, /\]\(/);
        assert.match(text, /Enterprise applications/);
      });
    }
  });

  it('auth.interactionRequired: an interactive sign-in (MFA / Conditional Access) is needed, through the Sign in button', () => {
    const text = errorText(new AppError('auth.interactionRequired', 'x', { claims: '{"access_token":{}}' }), 'en');
    assert.match(text, /interactive sign-in/);
    assert.match(text, /multi-factor authentication or Conditional Access/);
    assert.match(text, /Sign in button/);
    assert.ok(!text.includes('access_token'), 'the claims challenge is not shown');
  });

  describe('graph.throttled says when to try again', () => {
    const cases: [number | undefined, string][] = [
      [30, 'Try again in 30 seconds.'],
      [0.4, 'Try again in 5 seconds.'],
      [90, 'Try again in 90 seconds.'],
      [300, 'Try again in about 5 minutes.'],
      [undefined, 'Try again in a few minutes.'],
    ];
    for (const [seconds, expected] of cases) {
      it(`Retry-After ${String(seconds)} -> "${expected}"`, () => {
        assert.ok(errorText(new AppError('graph.throttled', 'x', { retryAfterSeconds: seconds }), 'en').includes(expected));
      });
    }

    it('in Japanese', () => {
      assert.match(errorText(new AppError('graph.throttled', 'x', { retryAfterSeconds: 20 }), 'ja'), /20 秒後にもう一度お試しください/);
    });
  });

  it('when the code is not one we know, then it still says something useful', () => {
    const text = errorText(new AppError('made.up' as ErrorCode, 'x'), 'en');
    assert.match(text, /Something went wrong\./);
    assert.match(text, /Error code: made\.up/);
  });

  it('cuts overly long Graph values', () => {
    const text = errorText(new AppError('graph.unexpected', 'x', { errorCode: 'E'.repeat(5000) }), 'en');
    assert.ok(text.length < 1000);
  });
});
