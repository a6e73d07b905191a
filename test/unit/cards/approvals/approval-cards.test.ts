import { strict as assert } from 'node:assert';
import type { ApprovalRequest, RequestState } from '../../../../src/domain/approvals/approval-request';
import {
  approvalCard,
  hiddenRevealedPasscodeCard,
  revealedPasscodeCard,
  verifyIdentityCard,
} from '../../../../src/cards/approvals/helpdesk-cards';
import { employeeNoticeText, myRequestsCard, newRequestCard, requestStatusCard } from '../../../../src/cards/approvals/employee-cards';
import { LOCALES, type Locale } from '../../../../src/i18n';
import { ALICE_DEVICES, ISSUED, NOW, SECRET, aRequest, decided } from '../../bot/approvals/support/requests';
import { allNodes, allStrings, cardOf, textOf, type Json } from '../card-inspect';

const STATES: RequestState[] = ['open', 'resetting', 'awaitingVerification', 'done', 'failed', 'denied', 'cancelled', 'expired'];

function inState(state: RequestState): ApprovalRequest {
  if (state === 'open' || state === 'cancelled' || state === 'expired') return aRequest({ state });
  return decided(state, {
    denyReason: state === 'denied' ? 'Device reported stolen' : undefined,
    failure: state === 'failed' ? { code: 'reset.failed', errorCode: '0x87D1FDE8', requestId: 'req-42' } : undefined,
    verification: state === 'done' ? { method: 'callBack', by: { oid: 'agent-oid-1', name: 'Hana Helpdesk' }, at: NOW.toISOString() } : undefined,
  });
}

function verbs(card: Json): string[] {
  return allNodes(card)
    .filter((node) => node.type === 'Action.Execute')
    .map((node) => String(node.verb));
}

describe('approval and self-service cards', () => {
  for (const locale of LOCALES) {
    describe(`(${locale})`, () => {
      const cards: Array<[string, Json]> = [
        ...STATES.map((state): [string, Json] => [`approval card, ${state}`, cardOf(approvalCard(inState(state), locale, NOW))]),
        ...STATES.map((state): [string, Json] => [`employee card, ${state}`, cardOf(requestStatusCard(inState(state), locale, NOW))]),
        ['new request', cardOf(newRequestCard(ALICE_DEVICES, locale))],
        ['new request, nothing eligible', cardOf(newRequestCard(ALICE_DEVICES.slice(1), locale))],
        ['new request, no devices', cardOf(newRequestCard([], locale))],
        ['my requests', cardOf(myRequestsCard(STATES.map(inState), locale, NOW))],
        ['my requests, none', cardOf(myRequestsCard([], locale, NOW))],
        ['verify identity', cardOf(verifyIdentityCard(decided('awaitingVerification'), locale))],
        ['passcode', cardOf(revealedPasscodeCard(ISSUED, 'Alice Smith (alice@contoso.com)', locale))],
        ['passcode hidden', cardOf(hiddenRevealedPasscodeCard('device-1', locale))],
      ];
      for (const [name, card] of cards) {
        it(`${name}: every binding is filled and the language is set`, () => {
          assert.equal(card.lang, locale);
          const unbound = allStrings(card).filter((text) => text.includes('${'));
          assert.deepEqual(unbound, []);
        });
      }

      it('the passcode appears only in the private passcode card, in one text of its body', () => {
        for (const [name, card] of cards) {
          const found = allStrings(card).filter((text) => text.includes(SECRET));
          if (name === 'passcode') {
            assert.deepEqual(found, [SECRET]);
            const holder = allNodes(card).find((node) => node.text === SECRET);
            assert.equal(holder?.type, 'TextBlock');
            assert.ok(!JSON.stringify((card as { actions?: unknown }).actions ?? []).includes(SECRET), 'not in an action');
          } else {
            assert.deepEqual(found, [], name);
          }
        }
      });
    });
  }

  describe('the approval card', () => {
    it('when open, then it shows requester, device, justification and age, with Approve / Deny and a reason box', () => {
      const card = cardOf(approvalCard(aRequest(), 'en', NOW));
      const text = textOf(card);
      for (const expected of ['Alice Smith (alice@contoso.com)', 'ALICE-LUMIA', 'Lumia 950', '10.0.15063.0', 'Forgot the PIN after the holidays', '12 min ago']) {
        assert.ok(text.includes(expected), expected);
      }
      assert.deepEqual(verbs(card).sort(), ['approveRequest', 'denyRequest']);
      const input = allNodes(card).find((node) => node.type === 'Input.Text');
      assert.equal(input?.id, 'denyReason');
      const approve = allNodes(card).find((node) => node.verb === 'approveRequest');
      assert.deepEqual(approve?.data, { requestId: 'request-1', revision: 1 });
      assert.equal(approve?.associatedInputs, 'none', 'approving does not send the deny reason');
    });

    it('when its time is over but nobody swept it yet, then it already says expired and has no buttons', () => {
      const card = cardOf(approvalCard(aRequest({ expiresAt: '2026-11-25T08:59:00.000Z' }), 'en', NOW));
      assert.match(textOf(card), /expired/i);
      assert.deepEqual(verbs(card), []);
    });

    const decidedCases: Array<[RequestState, RegExp[]]> = [
      ['resetting', [/Approved by Hana Helpdesk/]],
      ['awaitingVerification', [/Approved by Hana Helpdesk/, /verifies the employee's identity/]],
      ['done', [/Identity verified by Hana Helpdesk \(Called back/]],
      ['failed', [/Approved by Hana Helpdesk/, /0x87D1FDE8/, /req-42/, /intune\.microsoft\.com/]],
      ['denied', [/Denied by Hana Helpdesk/, /Device reported stolen/]],
      ['cancelled', [/Withdrawn by Alice Smith/]],
      ['expired', [/expired/]],
    ];
    for (const [state, patterns] of decidedCases) {
      it(`when ${state}, then everyone sees who decided and how it ended, without buttons`, () => {
        const card = cardOf(approvalCard(inState(state), 'en', NOW));
        for (const pattern of patterns) assert.match(textOf(card), pattern);
        assert.deepEqual(verbs(card), []);
        assert.ok(!allNodes(card).some((node) => String(node.type).startsWith('Input.')));
      });
    }
  });

  describe('what the employee reads', () => {
    const cases: Array<[RequestState, RegExp]> = [
      ['awaitingVerification', /will contact you after checking who you are/],
      ['denied', /Hana Helpdesk denied the reset of ALICE-LUMIA\. Reason: Device reported stolen/],
      ['expired', /No one decided/],
      ['failed', /failed/],
    ];
    for (const [state, pattern] of cases) {
      it(`when the request is ${state}, then the 1:1 message says so`, () => {
        assert.match(employeeNoticeText(inState(state), 'en', NOW), pattern);
      });
    }

    it('the new-request card asks for a justification and offers only the eligible device, listing the other with its reason', () => {
      const card = cardOf(newRequestCard(ALICE_DEVICES, 'en'));
      const buttons = allNodes(card).filter((node) => node.verb === 'fileRequest');
      assert.deepEqual(buttons.map((node) => node.data), [{ deviceId: 'device-1' }]);
      assert.ok(allNodes(card).some((node) => node.type === 'Input.Text' && node.id === 'justification'));
      assert.match(textOf(card), /Alice iPhone[\s\S]*not supported on iOS/);
    });

    it('only open requests can be cancelled from "my requests"', () => {
      const card = cardOf(myRequestsCard(STATES.map(inState), 'en', NOW));
      const cancels = allNodes(card).filter((node) => node.verb === 'cancelMyRequest');
      assert.equal(cancels.length, 1);
    });
  });

  it('in Japanese, the identity question offers the four ways in Japanese', () => {
    const locale: Locale = 'ja';
    const card = cardOf(verifyIdentityCard(decided('awaitingVerification'), locale));
    const choiceSet = allNodes(card).find((node) => node.type === 'Input.ChoiceSet');
    const choices = (choiceSet?.choices ?? []) as Array<{ title: string; value: string }>;
    assert.deepEqual(choices.map((choice) => choice.value), ['callBack', 'manager', 'inPerson', 'other']);
    assert.ok(choices.every((choice) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(choice.title)));
  });
});
