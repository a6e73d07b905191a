import { strict as assert } from 'node:assert';
import { readinessReportCard } from '../../../src/cards/readiness-cards';
import { readinessView } from '../../../src/cards/readiness-text';
import type { AndroidPasscodePolicy, AndroidPasscodePolicyCheck, ReadinessReport } from '../../../src/domain/readiness/model';

/** A report whose first three checks pass, with the Android check under test. */
function report(android: AndroidPasscodePolicyCheck): ReadinessReport {
  return {
    mode: 'appOnly',
    checkedAt: '2026-11-25T08:00:00.000Z',
    tenantId: 't',
    apps: { status: 'pass', apps: [], consentLinks: [] },
    policy: { status: 'pass', omaUri: './Device/x', found: [], nearMisses: [], canFix: false },
    permissions: { status: 'pass', scopes: [], consentUrl: 'https://login.microsoftonline.com/t/adminconsent?client_id=c', appOnly: { state: 'ok' }, groups: [] },
    android,
    allPassed: android.status === 'pass',
  };
}

const policy = (id: string, name: string, kinds: AndroidPasscodePolicy['kinds'], assigned = true): AndroidPasscodePolicy => ({
  ref: { kind: 'deviceConfiguration', id },
  name,
  kinds,
  assigned,
  targets: assigned ? [{ kind: 'allDevices' }] : [],
});

const androidSection = (r: ReadinessReport, locale: 'en' | 'ja' = 'en') => {
  const section = readinessView(r, locale).sections[3];
  assert.ok(section);
  return { ...section, text: section.lines.map((l) => l.text), fixText: section.fix.map((l) => l.text) };
};

describe('the Android line of the readiness report', () => {
  it('one line per kind: the policy that covers it, or that none does', () => {
    const section = androidSection(report({ status: 'pass', covered: ['workProfilePassword'], policies: [policy('p1', 'Corporate', ['workProfilePassword'])] }));
    assert.equal(section.title, '4. Passcode policy for Android devices');
    assert.deepEqual(section.text, [
      'Device passcode (fully managed, dedicated, AOSP): no assigned policy requires it; resets of these devices can fail.',
      'Work-profile password (corporate-owned and personally-owned work profile): required by the device restrictions profile “Corporate”, assigned to all devices.',
    ]);
    assert.deepEqual(section.fix, []);
  });

  it('several assigned policies of one kind take one line, naming the first', () => {
    const section = androidSection(
      report({ status: 'pass', covered: ['devicePasscode'], policies: [policy('p1', 'Kiosks', ['devicePasscode']), policy('p2', 'Phones', ['devicePasscode'])] }),
    );
    assert.match(section.text[0] ?? '', /^Device passcode .*“Kiosks” and 1 other assigned policies\.$/);
  });

  it('when it fails, the unassigned policy is named and the fix says which setting to require', () => {
    const section = androidSection(report({ status: 'fail', covered: [], policies: [policy('p1', 'Draft', ['devicePasscode'], false)] }));
    assert.match(section.text[0] ?? '', /“Draft” requires it but is not assigned/);
    assert.match(section.fixText[0] ?? '', /Assign “Draft”/);
    assert.match(section.fixText[1] ?? '', /Required password type/);
  });

  it('when the policies could not be read, it says why instead of claiming there are none', () => {
    const section = androidSection(report({ status: 'unknown', covered: [], policies: [], failure: { reason: 'forbidden', requestId: 'req-1' } }));
    assert.ok(section.text.every((l) => !/no assigned policy/.test(l)), section.text.join('\n'));
    assert.ok(section.text.some((l) => /403/.test(l)) && section.text.some((l) => /req-1/.test(l)));
    assert.match(section.fixText[0] ?? '', /DeviceManagementConfiguration\.Read\.All/);
  });

  it('when it passes but a read failed, the uncovered kind is not claimed to be missing, and the reason shows', () => {
    const section = androidSection(
      report({ status: 'pass', covered: ['devicePasscode'], policies: [policy('p1', 'Kiosks', ['devicePasscode'])], failure: { reason: 'unavailable' } }),
    );
    assert.equal(section.text.length, 2, section.text.join('\n'));
    assert.match(section.text[0] ?? '', /“Kiosks”/);
    assert.match(section.text[1] ?? '', /not available right now/);
  });

  it('the summary counts four checks, in Japanese too', () => {
    const failing = report({ status: 'fail', covered: [], policies: [] });
    assert.equal(readinessView(failing, 'en').summary, '1 of 4 checks need attention.');
    assert.equal(readinessView(failing, 'ja').summary, '4 件中 1 件の確認に対応が必要です。');
  });

  it('a policy name from the tenant stays plain text on the card', () => {
    const card = JSON.stringify(readinessReportCard(report({ status: 'pass', covered: ['devicePasscode'], policies: [policy('p1', '[x](https://evil.example)', ['devicePasscode'])] }), 'en'));
    assert.match(card, /"type":"TextRun","text":"Device passcode[^"]*\[x\]\(https:\/\/evil\.example\)/);
  });
});
