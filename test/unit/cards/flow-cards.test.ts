import { strict as assert } from 'node:assert';
import { MAX_CANDIDATES } from '../../../src/cards/choice-cards';
import { PROGRESS_PHASES } from '../../../src/cards/status-card';
import { flowCard, progressCard } from '../../../src/cards/views';
import type { FlowState } from '../../../src/domain/reset/reset-flow';
import { catalogKeys, LOCALES, type Locale } from '../../../src/i18n';
import { actions, allNodes, allStrings, cardOf, textOf, texts, type Json } from './card-inspect';
import { ALICE, ALL_STATES, flowIn, INELIGIBLE, person, PHONE } from './fixtures';

/** ICU puts narrow no-break spaces in times; compare with plain spaces. */
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

const VERBS_BY_STATE: Record<FlowState, string[]> = {
  choosingUser: ['chooseUser', 'cancel'],
  choosingDevice: ['chooseDevice', 'cancel'],
  confirming: ['confirm', 'cancel'],
  resetting: [],
  done: [],
  failed: [],
  cancelled: [],
  noUser: [],
  noEligibleDevice: [],
};

const ALLOWED_DATA_KEYS: Record<string, string[]> = {
  chooseUser: ['flowId', 'revision', 'userId'],
  chooseDevice: ['flowId', 'revision', 'deviceId'],
  confirm: ['flowId', 'revision'],
  cancel: ['flowId', 'revision'],
  hidePasscode: ['flowId', 'revision'],
};

const KEYS = new Set(catalogKeys('en'));

function render(state: FlowState, locale: Locale, overrides = {}): Json {
  return cardOf(flowCard(flowIn(state, overrides), locale));
}

describe('flow cards', () => {
  for (const locale of LOCALES) {
    for (const state of ALL_STATES) {
      describe(`${state} (${locale})`, () => {
        const card = render(state, locale);

        it('is an Adaptive Card 1.5 in the right language, fully expanded', () => {
          assert.equal(card.type, 'AdaptiveCard');
          assert.equal(card.version, '1.5');
          assert.equal(card.lang, locale);
          assert.ok(!JSON.stringify(card).includes('${'), JSON.stringify(card));
        });

        it('shows no catalog key and no unfilled placeholder', () => {
          for (const text of allStrings(card)) {
            assert.ok(!KEYS.has(text), `raw key shown: ${text}`);
          }
          for (const text of texts(card)) assert.ok(!/\{\w+\}/.test(text), `placeholder left: ${text}`);
        });

        it(`offers only ${VERBS_BY_STATE[state].join(', ') || 'no buttons'}, carrying only the flow id and revision`, () => {
          const found = actions(card);
          assert.deepEqual([...new Set(found.map((action) => action.verb))].sort(), [...VERBS_BY_STATE[state]].sort());
          for (const action of found) {
            assert.equal(action.type, 'Action.Execute');
            const data = action.data as Json;
            assert.deepEqual(Object.keys(data).sort(), [...ALLOWED_DATA_KEYS[action.verb as string]].sort());
            assert.equal(data.flowId, 'flow-123');
            assert.equal(data.revision, 7);
            assert.equal(typeof action.title, 'string');
            assert.notEqual(action.title, '');
          }
        });

        it('says who asked', () => {
          assert.match(textOf(card), /Hana Helpdesk/);
        });
      });
    }
  }

  describe('choosingUser', () => {
    it('lists each person with name, UPN and department, and a Choose button naming the user', () => {
      const card = render('choosingUser', 'en');
      const text = textOf(card);
      assert.match(text, /Several people match “alice”/);
      for (const user of [ALICE, person(1), person(2)]) {
        assert.ok(text.includes(user.displayName) && text.includes(user.userPrincipalName), user.displayName);
      }
      assert.match(text, /Sales/);
      assert.match(text, /Finance/);
      const chosen = actions(card).filter((action) => action.verb === 'chooseUser');
      assert.deepEqual(
        chosen.map((action) => (action.data as Json).userId),
        [ALICE.id, 'user-1', 'user-2'],
      );
      assert.ok(chosen.every((action) => action.title === 'Choose'));
      assert.equal(actions(card).find((action) => action.verb === 'cancel')?.title, 'Cancel');
    });

    it(`when more than ${MAX_CANDIDATES} people match, then only ${MAX_CANDIDATES} are offered and the card says so`, () => {
      const candidates = Array.from({ length: 25 }, (_, i) => person(i + 1));
      const card = render('choosingUser', 'en', { userCandidates: candidates });
      const chosen = actions(card).filter((action) => action.verb === 'chooseUser');
      assert.equal(chosen.length, MAX_CANDIDATES);
      assert.match(textOf(card), /Showing the first 10 of 25/);
      assert.ok(!textOf(card).includes('Alex Person 11'));
    });

    it(`when exactly ${MAX_CANDIDATES} people match, then all are offered without a note`, () => {
      const candidates = Array.from({ length: MAX_CANDIDATES }, (_, i) => person(i + 1));
      const card = render('choosingUser', 'en', { userCandidates: candidates });
      assert.equal(actions(card).filter((action) => action.verb === 'chooseUser').length, MAX_CANDIDATES);
      assert.doesNotMatch(textOf(card), /Showing the first/);
    });

    it('in Japanese, the title quotes the query the Japanese way', () => {
      assert.match(textOf(render('choosingUser', 'ja')), /「alice」に一致する人が複数います/);
    });
  });

  describe('choosingDevice', () => {
    it('offers each eligible device and lists the others with their reason', () => {
      const card = render('choosingDevice', 'en');
      const text = plain(textOf(card));
      assert.match(text, /Which device of Alice O'Brien\?/);
      assert.deepEqual(
        actions(card)
          .filter((action) => action.verb === 'chooseDevice')
          .map((action) => (action.data as Json).deviceId),
        [PHONE.id, 'dev-phone-2'],
      );
      assert.match(text, /Windows 10 Mobile · Lumia 950 · version 10\.0\.15063\.1418/);
      assert.match(text, /Last sync Nov 24, 2026, 9:30 AM UTC/);
      assert.match(text, /Devices that cannot be reset/);
      assert.match(text, /The operating system is too old: the device runs 10\.0\.14393\.0, and 10\.0\.15063 or later is needed\./);
      assert.match(text, /Passcode reset is not supported on iOS\/iPadOS\./);
      assert.match(text, /Intune does not tell whether this Windows device is a phone or a PC/);
    });

    it('when every device is eligible, then there is no "cannot be reset" section', () => {
      const card = render('choosingDevice', 'en', { devices: [flowIn('confirming').devices![0]] });
      assert.doesNotMatch(textOf(card), /cannot be reset/);
    });
  });

  describe('confirming', () => {
    it('shows the device facts, what will happen and the devices left out; Yes and Cancel', () => {
      const card = render('confirming', 'en');
      const text = plain(textOf(card));
      assert.match(text, /Reset the passcode of this device\?/);
      for (const expected of [
        'ALICE-LUMIA',
        'Microsoft Lumia 950',
        'Windows 10.0.15063.1418',
        "Alice O'Brien (alice@contoso.com)",
        'Nov 24, 2026, 9:30 AM UTC',
        'What will happen',
        'Intune creates a new passcode that replaces the current one, and shows it for seven days.',
        'The new passcode will be sent to you only',
        'ALICE-OLD-LUMIA',
        'Passcode reset is not supported on iOS/iPadOS.',
      ]) {
        assert.ok(text.includes(expected), `missing: ${expected}`);
      }
      const titles = actions(card).map((action) => [action.verb, action.title]);
      assert.deepEqual(titles, [
        ['confirm', 'Yes, reset'],
        ['cancel', 'Cancel'],
      ]);
    });

    it('when the outcome removes the passcode, then it says so and promises no passcode', () => {
      const [eligible] = flowIn('confirming').devices!;
      const removing = { ...eligible, verdict: { ...eligible.verdict, outcome: 'passcodeRemoved' as const } };
      const text = textOf(render('confirming', 'en', { devices: [removing] }));
      assert.match(text, /Intune removes the passcode: the device will have none until .* sets one/);
      assert.doesNotMatch(text, /will be sent to you/);
    });

    it('in Japanese, asks in Japanese', () => {
      const card = render('confirming', 'ja');
      assert.match(textOf(card), /このデバイスのパスコードをリセットしますか/);
      assert.equal(actions(card)[0].title, 'はい、リセットします');
    });
  });

  describe('status states', () => {
    it('resetting: says which device is being reset', () => {
      assert.match(textOf(render('resetting', 'en')), /Resetting the passcode of ALICE-LUMIA…/);
    });

    it('done in a shared conversation: says the passcode went privately to the agent', () => {
      const text = plain(textOf(render('done', 'en')));
      assert.match(text, /The new passcode was sent to Hana Helpdesk privately\./);
      assert.match(text, /Shown in Intune until/);
      assert.match(text, /Dec 2, 2026, 10:00 AM UTC/);
    });

    it('done in the 1:1 chat: points to the passcode card below', () => {
      const text = textOf(render('done', 'en', { originIsPersonal: true }));
      assert.match(text, /The new passcode is in the card below\./);
      assert.doesNotMatch(text, /privately/);
    });

    it('failed: plain words, what to do, error code, request id and the Intune link', () => {
      const text = textOf(render('failed', 'en'));
      assert.match(text, /Intune refused the request/);
      assert.match(text, /Ask an Intune administrator/);
      assert.match(text, /Error code: graph\.forbidden \(Forbidden\)/);
      assert.match(text, /Request id: req-6f1e/);
      assert.ok(
        text.includes(
          '(https://intune.microsoft.com/#view/Microsoft_Intune_Devices/DeviceSettingsMenuBlade/~/overview/mdmDeviceId/dev-phone-1)',
        ),
      );
    });

    it('cancelled: nothing was reset', () => {
      const text = textOf(render('cancelled', 'en'));
      assert.match(text, /Cancelled/);
      assert.match(text, /Nothing was reset\./);
    });

    it('noUser: no one matches the query', () => {
      assert.match(textOf(render('noUser', 'en')), /No one matches “Zed Nobody”/);
      assert.match(textOf(render('noUser', 'ja')), /「Zed Nobody」に一致する人はいません/);
    });

    it('noEligibleDevice: the user, every device with its reason, nothing was reset', () => {
      const text = textOf(render('noEligibleDevice', 'en'));
      assert.match(text, /No device of Alice O'Brien can be reset/);
      for (const option of INELIGIBLE) assert.ok(text.includes(option.device.deviceName), option.device.deviceName);
      assert.match(text, /too old/);
      assert.match(text, /Nothing was reset\./);
    });

    it('noEligibleDevice without any device: says the user has none', () => {
      const text = textOf(render('noEligibleDevice', 'en', { devices: [] }));
      assert.match(text, /Alice O'Brien has no devices managed by Intune\. Nothing was reset\./);
    });
  });

  describe('progressCard', () => {
    for (const locale of LOCALES) {
      for (const phase of PROGRESS_PHASES) {
        it(`${phase} (${locale}): progress without buttons, fully expanded`, () => {
          const card = cardOf(progressCard(flowIn('resetting'), { phase, actionState: 'pending', elapsedSeconds: 12.4 }, locale));
          assert.equal(actions(card).length, 0);
          assert.ok(!JSON.stringify(card).includes('${'));
          assert.ok(textOf(card).includes(locale === 'en' ? '12 s elapsed' : '経過時間: 12 秒'));
        });
      }
    }

    it('names Intune’s state, translated when known and as given otherwise', () => {
      const flow = flowIn('resetting');
      assert.match(textOf(cardOf(progressCard(flow, { phase: 'waitingForIntune', actionState: 'active', elapsedSeconds: 3 }, 'en'))), /Intune status: in progress/);
      assert.match(textOf(cardOf(progressCard(flow, { phase: 'waitingForIntune', actionState: 'queued', elapsedSeconds: 3 }, 'en'))), /Intune status: queued/);
      assert.doesNotMatch(textOf(cardOf(progressCard(flow, { phase: 'sending', elapsedSeconds: 0 }, 'en'))), /Intune status/);
    });

    it('after a dropped connection, says it checks before anything is sent again', () => {
      const card = cardOf(progressCard(flowIn('resetting'), { phase: 'checkingAfterError', elapsedSeconds: 5 }, 'en'));
      assert.match(textOf(card), /so that it is never sent twice/);
    });
  });

  describe('text from users and devices', () => {
    it('is shown literally: template syntax in a name is not evaluated', () => {
      const card = render('noUser', 'en', { query: '${flowId} ${$root.revision}' });
      assert.match(textOf(card), /No one matches “\$\{flowId\} \$\{\$root\.revision\}”/);
    });

    it('is never put where Markdown is rendered, so a crafted name cannot become a link', () => {
      const evil = '[Click me](https://evil.example)';
      const user = { ...ALICE, displayName: evil, department: evil };
      const device = { ...PHONE, deviceName: evil, model: evil };
      const options = flowIn('confirming').devices!.map((option) => ({ ...option, device: { ...option.device, deviceName: evil } }));
      for (const state of ALL_STATES) {
        const card = render(state, 'en', {
          query: evil,
          targetUser: user,
          device,
          devices: options,
          userCandidates: [user],
          agent: { oid: 'a', name: evil, tenantId: 't' },
        });
        assert.ok(textOf(card).includes('evil.example'), `${state} shows the name`);
        const markdownTexts = allNodes(card)
          .filter((node) => node.type === 'TextBlock')
          .map((node) => String(node.text))
          .filter((text) => text.includes('evil.example'));
        assert.deepEqual(markdownTexts, [], state);
      }
    });
  });
});
