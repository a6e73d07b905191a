import { strict as assert } from 'node:assert';
import type { AuditRecord } from '../../../../src/domain/audit/audit-record';
import { historyCard } from '../../../../src/cards/history/history-card';
import { noPersonText, peopleExamples, severalPeopleText } from '../../../../src/cards/people-text';
import { LOCALES } from '../../../../src/i18n';
import { allStrings, cardOf, textOf } from '../card-inspect';

const ALICE = { id: 'user-alice', displayName: 'Alice Smith', userPrincipalName: 'alice@contoso.com' };

const RECORDS: AuditRecord[] = [
  {
    id: 'a3',
    at: '2026-11-25T09:05:00.000Z',
    kind: 'identity.verified',
    actor: { oid: 'agent-1', name: 'Hana Helpdesk' },
    onBehalfOf: { oid: 'user-alice', name: 'Alice Smith' },
    targetUser: { oid: 'user-alice', name: 'Alice Smith' },
    device: { id: 'device-1', name: 'ALICE-LUMIA' },
    verification: 'callBack',
    outcome: 'verified',
    requestId: 'request-1',
  },
  {
    id: 'a2',
    at: '2026-11-25T09:00:30.000Z',
    kind: 'reset.failed',
    actor: { oid: 'agent-2', name: 'Kenji Sato' },
    targetUser: { oid: 'user-emma', name: 'Emma Wilson' },
    device: { id: 'device-9', name: 'EMMA-LUMIA' },
    reason: 'INC-42',
    outcome: 'failed',
    intuneErrorCode: '0x87D1FDE8',
    graphRequestId: 'req-7',
  },
  { id: 'a1', at: '2026-11-25T08:00:00.000Z', kind: 'request.expired', actor: { oid: 'system' }, device: { id: 'device-3', name: 'OLD-PHONE' } },
];

describe('history card', () => {
  for (const locale of LOCALES) {
    it(`(${locale}) fills every binding, for a person and for the tenant`, () => {
      for (const card of [historyCard({ kind: 'user', user: ALICE, records: RECORDS }, locale), historyCard({ kind: 'tenant', records: [] }, locale)]) {
        const json = cardOf(card);
        assert.equal(json.lang, locale);
        assert.deepEqual(allStrings(json).filter((text) => text.includes('${')), []);
      }
    });
  }

  it('shows each record: time, what happened, who, which device and whose, and how it ended', () => {
    const text = textOf(cardOf(historyCard({ kind: 'user', user: ALICE, records: RECORDS }, 'en')));
    assert.match(text, /History of Alice Smith/);
    assert.match(text, /Identity verified[\s\S]*By Hana Helpdesk · for Alice Smith · Device: ALICE-LUMIA[\s\S]*Called back/);
    assert.match(text, /Reset failed[\s\S]*Kenji Sato[\s\S]*Owner: Emma Wilson[\s\S]*Reason: INC-42[\s\S]*0x87D1FDE8[\s\S]*req-7/);
    assert.match(text, /Request expired[\s\S]*By Passcode Desk/);
    assert.match(text, /Nov 25, 2026/);
  });

  it('says so when there is nothing yet', () => {
    assert.match(textOf(cardOf(historyCard({ kind: 'tenant', records: [] }, 'en'))), /No records yet/);
  });

  it('when several people match, then they are listed with a command to ask again', () => {
    const text = severalPeopleText(
      'alice',
      [ALICE, { id: 'user-aj', displayName: 'Alice Johnson', userPrincipalName: 'alice.johnson@contoso.com' }],
      (upn) => peopleExamples.history(upn, 'en'),
      'en',
    );
    assert.match(text, /Several people match “alice”/);
    assert.match(text, /- Alice Smith \(alice@contoso\.com\)\n- Alice Johnson/);
    assert.match(text, /history alice@contoso\.com/);
    assert.match(noPersonText('zed', 'ja'), /zed/);
  });
});
