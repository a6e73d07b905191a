import { strict as assert } from 'node:assert';
import { ERROR_CODES } from '../../../src/cards/failure-text';
import { PROGRESS_PHASES } from '../../../src/cards/status-card';
import { errorText, flowCard, helpText, hiddenPasscodeCard, passcodeCard, progressCard } from '../../../src/cards/views';
import { AppError } from '../../../src/domain/errors';
import { LOCALES } from '../../../src/i18n';
import { actions, allNodes, cardOf, textOf, type Json } from './card-inspect';
import { ALL_STATES, flowIn, ISSUED, PASSCODE } from './fixtures';

const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

describe('passcode cards', () => {
  for (const locale of LOCALES) {
    describe(`passcodeCard (${locale})`, () => {
      const card = cardOf(passcodeCard(flowIn('done'), ISSUED, locale));
      const json = JSON.stringify(card);

      it('shows the passcode exactly once, as a large monospace TextBlock of the body', () => {
        assert.equal(json.split(PASSCODE).length - 1, 1);
        const block = (card.body as Json[]).find((node) => node.text === PASSCODE);
        assert.ok(block, 'the passcode is a top-level element of the body');
        assert.equal(block.type, 'TextBlock');
        assert.equal(block.fontType, 'Monospace');
        assert.equal(block.size, 'ExtraLarge');
      });

      it('has one Hide button that carries only the flow id and revision', () => {
        const found = actions(card);
        assert.equal(found.length, 1);
        assert.equal(found[0].type, 'Action.Execute');
        assert.equal(found[0].verb, 'hidePasscode');
        assert.deepEqual(found[0].data, { flowId: 'flow-123', revision: 7 });
        assert.ok(!JSON.stringify(found).includes(PASSCODE));
      });

      it('is fully expanded, in the right language, with nothing that speaks the passcode aloud', () => {
        assert.ok(!json.includes('${'));
        assert.equal(card.lang, locale);
        assert.equal(card.speak, undefined);
        assert.equal(card.fallbackText, undefined);
      });
    });
  }

  it('names the device, the date Intune stops showing it, and asks to verify the employee first', () => {
    const text = plain(textOf(cardOf(passcodeCard(flowIn('done'), ISSUED, 'en'))));
    assert.match(text, /New passcode for ALICE-LUMIA/);
    assert.match(text, /Intune keeps showing this passcode until Dec 2, 2026, 10:00 AM UTC\./);
    assert.match(text, /stays valid on the device/);
    assert.match(text, /only after you have verified who they are/);
    assert.match(text, /Alice O'Brien \(alice@contoso\.com\)/);
  });

  it('in Japanese, says the same in Japanese', () => {
    const text = plain(textOf(cardOf(passcodeCard(flowIn('done'), ISSUED, 'ja'))));
    assert.match(text, /ALICE-LUMIA の新しいパスコード/);
    assert.match(text, /Intune にはこのパスコードが 2026年12月2日 10:00 UTC まで表示されます/);
    assert.match(text, /本人確認/);
    assert.equal(actions(cardOf(passcodeCard(flowIn('done'), ISSUED, 'ja')))[0].title, '非表示');
  });

  describe('hiddenPasscodeCard', () => {
    it('has no passcode and no button, and says where the passcode can still be seen', () => {
      const card = cardOf(hiddenPasscodeCard(flowIn('done'), 'en'));
      const json = JSON.stringify(card);
      assert.ok(!json.includes(PASSCODE));
      assert.ok(!json.includes('${'));
      assert.equal(actions(card).length, 0);
      const text = plain(textOf(card));
      assert.match(text, /Passcode hidden/);
      assert.match(text, /The passcode for ALICE-LUMIA was removed from this chat\. Intune keeps showing it until Dec 2, 2026, 10:00 AM UTC\./);
      assert.ok(text.includes('mdmDeviceId/dev-phone-1)'));
    });

    it('when the flow has no date or device, then it still reads well', () => {
      const card = cardOf(hiddenPasscodeCard(flowIn('done', { visibleUntil: undefined, device: undefined }), 'ja'));
      assert.ok(!JSON.stringify(card).includes('${'));
      assert.match(textOf(card), /デバイス のパスコードをこのチャットから削除しました/);
      assert.ok(!allNodes(card).some((node) => String(node.text ?? '').includes('intune.microsoft.com')));
    });
  });

  describe('the passcode appears nowhere else', () => {
    const everythingElse = (): [string, string][] => {
      const shown: [string, string][] = [];
      for (const locale of LOCALES) {
        for (const state of ALL_STATES) {
          for (const originIsPersonal of [true, false]) {
            shown.push([`${state} ${locale}`, JSON.stringify(flowCard(flowIn(state, { originIsPersonal }), locale))]);
          }
        }
        for (const phase of PROGRESS_PHASES) {
          const progress = { phase, actionState: 'done', elapsedSeconds: 40 };
          shown.push([`progress ${phase}`, JSON.stringify(progressCard(flowIn('resetting'), progress, locale))]);
        }
        shown.push(['hidden', JSON.stringify(hiddenPasscodeCard(flowIn('done'), locale))]);
        shown.push(['help', helpText(locale)]);
        for (const code of ERROR_CODES) {
          // An error whose message and cause carry the secret, as a careless adapter might build one.
          const error = new AppError(code, `reset done, passcode ${PASSCODE}`, { errorCode: 'x', deviceId: 'd' }, { cause: new Error(PASSCODE) });
          shown.push([`errorText ${code}`, errorText(error, locale)]);
        }
      }
      return shown;
    };

    it('not in any flow card, progress card, hidden card, help or error text', () => {
      for (const [label, shown] of everythingElse()) {
        assert.ok(!shown.includes(PASSCODE), `the passcode leaked into ${label}`);
      }
    });
  });
});
