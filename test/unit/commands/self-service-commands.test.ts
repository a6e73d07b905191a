import { strict as assert } from 'node:assert';
import { parseCommand, type Command } from '../../../src/commands/parse-command';
import { helpText } from '../../../src/cards/views';
import { LOCALES, t } from '../../../src/i18n';

/** The commands of employees, approvers and admins, in English and Japanese. */
describe('parseCommand: self-service, approvals, history and show passcode', () => {
  const table: Array<[text: string, command: Command]> = [
    // An employee locked out of their own device.
    ['I forgot my PIN', { kind: 'forgotMyPin' }],
    ["I've forgotten my passcode", { kind: 'forgotMyPin' }],
    ['i forgot my phone PIN.', { kind: 'forgotMyPin' }],
    ["I can't remember my PIN", { kind: 'forgotMyPin' }],
    ['forgot my pin', { kind: 'forgotMyPin' }],
    ['reset my PIN', { kind: 'forgotMyPin' }],
    ['Please reset my PIN', { kind: 'forgotMyPin' }],
    ["reset my phone's PIN", { kind: 'forgotMyPin' }],
    ['could you reset my passcode, please?', { kind: 'forgotMyPin' }],
    ['reset PIN for me', { kind: 'forgotMyPin' }],
    ['reset passcode for myself', { kind: 'forgotMyPin' }],
    ["I'm locked out of my phone", { kind: 'forgotMyPin' }],
    ['PIN を忘れました', { kind: 'forgotMyPin' }],
    ['PINを忘れた', { kind: 'forgotMyPin' }],
    ['ＰＩＮを忘れました。', { kind: 'forgotMyPin' }],
    ['パスコードを忘れてしまいました', { kind: 'forgotMyPin' }],
    ['スマホの暗証番号を忘れた', { kind: 'forgotMyPin' }],
    ['私の PIN をリセット', { kind: 'forgotMyPin' }],
    ['自分のパスコードをリセットしてください', { kind: 'forgotMyPin' }],
    // The employee's requests.
    ['my requests', { kind: 'myRequests' }],
    ['My request', { kind: 'myRequests' }],
    ['show my requests', { kind: 'myRequests' }],
    ['私のリクエスト', { kind: 'myRequests' }],
    ['自分の申請一覧', { kind: 'myRequests' }],
    ['cancel', { kind: 'cancelRequest' }],
    ['Cancel my request', { kind: 'cancelRequest' }],
    ['withdraw', { kind: 'cancelRequest' }],
    ['キャンセル', { kind: 'cancelRequest' }],
    ['リクエストをキャンセルして', { kind: 'cancelRequest' }],
    // Admins and the helpdesk.
    ['use this channel for approvals', { kind: 'useThisChannel' }],
    ['Use this channel for approval requests.', { kind: 'useThisChannel' }],
    ['このチャネルを承認に使う', { kind: 'useThisChannel' }],
    ['このチャンネルを承認用に使ってください', { kind: 'useThisChannel' }],
    ['history', { kind: 'history' }],
    ['History', { kind: 'history' }],
    ['履歴', { kind: 'history' }],
    ['history alice', { kind: 'history', query: 'alice' }],
    ['history of Alice Smith', { kind: 'history', query: 'Alice Smith' }],
    ['history for alice@contoso.com', { kind: 'history', query: 'alice@contoso.com' }],
    ['alice の履歴', { kind: 'history', query: 'alice' }],
    ['山田さんの履歴を表示して', { kind: 'history', query: '山田' }],
    ['show passcode for alice', { kind: 'showPasscode', query: 'alice' }],
    ['Show the PIN of Alice Smith', { kind: 'showPasscode', query: 'Alice Smith' }],
    [
      'show passcode for alice because she called from the office',
      { kind: 'showPasscode', query: 'alice', reason: 'she called from the office' },
    ],
    ['show passcode for alice reason: INC-42', { kind: 'showPasscode', query: 'alice', reason: 'INC-42' }],
    ['show passcode for alice, reason: INC-42', { kind: 'showPasscode', query: 'alice', reason: 'INC-42' }],
    ['alice のパスコードを表示', { kind: 'showPasscode', query: 'alice' }],
    ['山田 太郎 の PIN を表示してください', { kind: 'showPasscode', query: '山田 太郎' }],
    ['alice のパスコードを表示 理由: INC-42', { kind: 'showPasscode', query: 'alice', reason: 'INC-42' }],
    ['setup check', { kind: 'setupCheck' }],
    ['run the setup check', { kind: 'setupCheck' }],
    ['readiness check', { kind: 'setupCheck' }],
    ['セットアップ確認', { kind: 'setupCheck' }],
    ['セットアップの確認をしてください', { kind: 'unknown', text: 'セットアップの確認をしてください' }],
    ['sign out', { kind: 'signOut' }],
    ['Log me out.', { kind: 'signOut' }],
    ['signout', { kind: 'signOut' }],
    ['サインアウト', { kind: 'signOut' }],
    ['ログアウトしてください', { kind: 'signOut' }],
    ['sign out alice', { kind: 'unknown', text: 'sign out alice' }],
  ];

  for (const [text, command] of table) {
    it(`"${text}" is ${command.kind}${'query' in command && command.query ? ` of "${command.query}"` : ''}`, () => {
      assert.deepEqual(parseCommand(text), command);
    });
  }

  for (const locale of LOCALES) {
    it(`(${locale}) every command the help text quotes is understood`, () => {
      const help = helpText(locale);
      const ours = [t(locale, 'approvals.help.employees'), t(locale, 'approvals.help.helpdesk')];
      assert.ok(ours.every((paragraph) => help.includes(paragraph)), 'the help tells about the self-service and helpdesk commands');
      const quoted = [...ours.join('\n').matchAll(/[“「]([^”」]+)[”」]/g)].map((match) => match[1]);
      assert.ok(quoted.length >= 6, quoted.join(' | '));
      for (const text of quoted) assert.notEqual(parseCommand(text).kind, 'unknown', text);
    });
  }

  it('when the bot is mentioned in a channel, then "use this channel for approvals" is still understood', () => {
    assert.deepEqual(parseCommand('<at>Passcode Desk</at> use this channel for approvals'), { kind: 'useThisChannel' });
  });

  it('when the person is mentioned, then history and show passcode name them', () => {
    assert.deepEqual(parseCommand('history <at>Alice Smith</at>'), { kind: 'history', query: 'Alice Smith' });
    assert.deepEqual(parseCommand('show passcode for <at>Alice Smith</at>'), { kind: 'showPasscode', query: 'Alice Smith' });
  });

  it("when an agent asks about another person's PIN, then it is still a reset of that person", () => {
    assert.deepEqual(parseCommand("reset alice's PIN"), { kind: 'resetFor', query: 'alice' });
  });

  it('when a long text starts like a command, then parsing stays fast', () => {
    for (const text of [`show passcode for ${'a because '.repeat(45)}`, `history ${'の'.repeat(490)}`, `${'の'.repeat(480)} の履歴`]) {
      const started = process.hrtime.bigint();
      parseCommand(text);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      assert.ok(ms < 20, `took ${ms} ms`);
    }
  });
});
