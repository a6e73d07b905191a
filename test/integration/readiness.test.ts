import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { t } from '../../src/i18n';
import { DEMO_USERS } from '../../src/simulator';
import { adaptiveCardOf, executeActions, invokeCard, visible } from '../support/cards';
import { signInThroughOAuthCard } from '../support/agent-steps';
import { personalChat, startDeployment, type Deployment } from '../support/harness';
import { cardText, type ConversationSpec, type InvokeResult, type TeamsUser } from '../support/teams-fake';

/**
 * `setup check` over HTTP: Teams stand-in → bot → simulated tenant. The admin signs in through
 * the card's loginRequest (Universal Actions), reads the report, and fixes the failing check.
 */

const hana: TeamsUser = { id: '29:hana', aadObjectId: DEMO_USERS.hanaSuzuki, name: 'Hana Suzuki' };
const marco: TeamsUser = { id: '29:marco', aadObjectId: DEMO_USERS.marcoRossi, name: 'Marco Rossi' };
const MESSAGE = 'application/vnd.microsoft.activity.message';

describe('setup check over HTTP (Teams stand-in, simulated tenant)', function () {
  this.timeout(60000);
  let d: Deployment;

  beforeEach(async () => {
    d = await startDeployment();
    for (const user of [hana, marco]) d.teams.addUser(user);
  });
  afterEach(async () => {
    await d.stop();
  });

  /** An Action.Execute click as Teams sends it; with a token when Teams repeats it after a loginRequest. */
  function click(user: TeamsUser, conversation: ConversationSpec, verb: string, data: Record<string, unknown>, options: { token?: string; locale?: string } = {}): Promise<InvokeResult> {
    return d.teams.post({
      ...d.teams.envelope(user, conversation, options.locale ?? 'en-US'),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: {
        action: { type: 'Action.Execute', verb, data },
        trigger: 'manual',
        ...(options.token ? { authentication: { id: randomUUID(), token: options.token, connectionName: '' } } : {}),
      },
    });
  }

  const answerType = (result: InvokeResult): string | undefined => (result.body as { type?: string } | undefined)?.type;
  const answerText = (result: InvokeResult): string => String((result.body as { value?: unknown }).value);
  const customPinPolicies = () =>
    (d.sim.tenant.readiness?.deviceConfigurations ?? []).filter((c) => JSON.stringify(c.properties).includes('/Policies/EnablePinRecovery'));

  it('an admin types setup check, signs in, sees the missing policy, creates it once, and every check passes', async () => {
    const personal = personalChat(hana, d.tenantId, d.teams);
    await d.teams.sendMessage(hana, personal, 'setup check');

    // No session yet: the sign-in every command asks for; once Teams exchanged the token, the
    // check runs without Hana typing it again.
    assert.equal(await signInThroughOAuthCard(d, hana), 200);
    const reported = await d.teams.waitFor(() => visible(d.teams.inConversation(personal.id)).find((a) => executeActions(adaptiveCardOf(a)).some((x) => x.verb === 'reviewPinRecoveryPolicy')), 20000, 'the report');
    const card = adaptiveCardOf(reported);
    const text = cardText(card);
    assert.match(text, /✓ 1\. PIN reset apps/);
    assert.match(text, /✗ 2\. PIN recovery policy/);
    assert.match(text, /No policy turns on PIN recovery/);
    assert.match(text, /✓ 3\. The bot's own permissions/);
    assert.match(text, /✓ 4\. Passcode policy for Android devices/);
    assert.match(text, /Work-profile password \(corporate-owned and personally-owned work profile\): required by the device restrictions profile .Android Enterprise - corporate devices./);
    assert.match(text, /Device passcode \(fully managed, dedicated, AOSP\): no assigned policy requires it/);
    assert.match(text, /1 of 4 checks need attention/);
    assert.ok(executeActions(card).some((a) => a.verb === 'reviewPinRecoveryPolicy'), 'the fix button');

    const review = await click(hana, personal, 'reviewPinRecoveryPolicy', {});
    const confirm = invokeCard(review.body);
    assert.match(cardText(confirm), new RegExp(`PassportForWork/${d.tenantId}/Policies/EnablePinRecovery`));
    assert.match(JSON.stringify(confirm), /"Input\.Text"/);

    const created = await click(hana, personal, 'createPinRecoveryPolicy', { groupName: 'All Staff' });
    assert.equal(created.status, 200);
    const after = cardText(invokeCard(created.body));
    assert.match(after, /Created .* and assigned it to .All Staff./);
    assert.match(after, /All checks passed/);
    assert.match(after, /✓ 2\. PIN recovery policy/);
    assert.match(after, /Custom profile .* assigned to 1 group\(s\)/);
    assert.match(after, /not applicable/);

    const again = await click(hana, personal, 'createPinRecoveryPolicy', { groupName: 'All Staff' });
    assert.match(cardText(invokeCard(again.body)), /already assigned to .All Staff.; nothing changed/);
    assert.equal(customPinPolicies().length, 1, 'one policy after two clicks');
  });

  it('refuses to create the policy when the admin lacks the Intune role, and changes nothing', async () => {
    d.sim.tenant.users.find((u) => u.id === DEMO_USERS.hanaSuzuki)!.intuneRole = { displayName: 'Help Desk Operator' };
    const personal = personalChat(hana, d.tenantId, d.teams);
    const refused = await click(hana, personal, 'createPinRecoveryPolicy', { groupName: 'All Staff' }, { token: d.sim.signSsoToken(hana.aadObjectId) });
    assert.equal(answerType(refused), MESSAGE);
    assert.match(answerText(refused), /Intune role does not allow/);
    assert.equal(customPinPolicies().length, 0);
  });

  it('refuses to create the policy without the DeviceManagementConfiguration.ReadWrite.All consent', async () => {
    d.sim.tenant.app.delegatedPermissions = d.sim.tenant.app.delegatedPermissions.filter((p) => p !== 'DeviceManagementConfiguration.ReadWrite.All');
    const personal = personalChat(hana, d.tenantId, d.teams);
    const refused = await click(hana, personal, 'createPinRecoveryPolicy', { groupName: 'All Staff' }, { token: d.sim.signSsoToken(hana.aadObjectId) });
    assert.match(answerText(refused), /lacks the delegated permission DeviceManagementConfiguration\.ReadWrite\.All/);
    assert.match(answerText(refused), /adminconsent\?client_id=/);
    assert.equal(customPinPolicies().length, 0);
  });

  it('when Entra fails while the card’s click signs the admin in, the admin reads that sign-in failed and what to do (no bare 412)', async () => {
    const personal = personalChat(hana, d.tenantId, d.teams);
    d.sim.injectFault({ method: 'POST', path: '/oauth2/v2.0/token', dropConnection: true, times: 100 });
    const failed = await click(hana, personal, 'runSetupCheck', {}, { token: d.sim.signSsoToken(hana.aadObjectId) }).finally(() => d.sim.clearFaults());
    assert.equal(failed.status, 200);
    assert.equal(answerType(failed), MESSAGE);
    assert.ok(answerText(failed).includes(t('en', 'error.auth.unexpected.what')), `the admin saw: ${answerText(failed)}`);
    assert.ok(answerText(failed).includes(t('en', 'error.auth.unexpected.next')), 'and what to do');

    const report = await click(hana, personal, 'runSetupCheck', {}, { token: d.sim.signSsoToken(hana.aadObjectId) });
    assert.ok(invokeCard(report.body), 'once Entra answers, the same click runs the check');
  });

  it('answers a non-admin politely, without asking them to sign in', async () => {
    const personal = personalChat(marco, d.tenantId, d.teams);
    await d.teams.sendMessage(marco, personal, 'setup check');
    const answer = await d.teams.waitFor(() => d.teams.inConversation(personal.id).find((a) => a.text));
    assert.match(answer.text ?? '', /only members of the helpdesk admin group/);
    assert.equal(d.teams.inConversation(personal.id).filter((a) => a.attachments?.length).length, 0);
    // A forged click is refused the same way.
    const click1 = await click(marco, personal, 'runSetupCheck', {});
    assert.match(answerText(click1), /only members of the helpdesk admin group/);
  });

  it('speaks Japanese: セットアップ確認', async () => {
    const personal = personalChat(hana, d.tenantId, d.teams);
    await d.teams.sendMessage(hana, personal, 'セットアップ確認', 'ja-JP');
    assert.equal(await signInThroughOAuthCard(d, hana), 200);
    // The check that waited for the sign-in answers in the language it was asked in.
    const report = await d.teams.waitFor(() => visible(d.teams.inConversation(personal.id)).find((a) => adaptiveCardOf(a)), 20000, 'the report');
    const text = cardText(adaptiveCardOf(report));
    assert.match(text, /✗ 2\. Windows デバイスの PIN 回復ポリシー/);
    assert.match(text, /✓ 4\. Android デバイスのパスコード ポリシー/);
    assert.match(text, /4 件中 1 件/);
  });
});
