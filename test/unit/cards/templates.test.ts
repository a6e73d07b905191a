import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { allNodes, type Json } from './card-inspect';
import { sourceFiles } from '../../support/source-files';

const cardsDir = path.resolve(__dirname, '../../../cards');
const files = readdirSync(cardsDir).filter((name) => name.endsWith('.json'));

const ELEMENT_TYPES = new Set([
  'AdaptiveCard',
  'TextBlock',
  'RichTextBlock',
  'TextRun',
  'ColumnSet',
  'Column',
  'Container',
  'ActionSet',
  'Action.Execute',
  'Input.Text',
  'Input.ChoiceSet',
]);
/** Each button's verb, and the only data it may carry: ids and a revision (typed inputs come beside them). */
const VERB_DATA: Readonly<Record<string, readonly string[]>> = {
  chooseUser: ['flowId', 'revision', 'userId'],
  chooseDevice: ['flowId', 'revision', 'deviceId'],
  confirm: ['flowId', 'revision'],
  cancel: ['flowId', 'revision'],
  hidePasscode: ['flowId', 'revision'],
  fileRequest: ['deviceId'],
  cancelMyRequest: ['requestId', 'revision'],
  approveRequest: ['requestId', 'revision'],
  denyRequest: ['requestId', 'revision'],
  verifyIdentity: ['requestId', 'revision'],
  hideShownPasscode: ['deviceId'],
  getRecoveredPasscode: ['inFlightId'],
  pickHistoryPerson: ['offerId', 'userId'],
  pickPasscodePerson: ['offerId', 'userId'],
  runSetupCheck: [],
  reviewPinRecoveryPolicy: [],
  createPinRecoveryPolicy: [],
};
/** The inputs a card may ask for; their values reach the bot beside the button's data. */
const INPUT_IDS = new Set(['reason', 'justification', 'denyReason', 'method', 'note', 'groupName']);
/** A whole value that is exactly one binding expression. */
const EXPRESSION = /^\$\{[^{}]+\}$/;

describe('card templates in /cards', () => {
  it('are the ones the views use', () => {
    const sources = sourceFiles('src')
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const unused = files.filter((file) => !sources.includes(`cards/${file}'`));
    assert.deepEqual(unused, []);
    for (const file of ['confirm-reset.json', 'passcode-hidden.json', 'passcode.json', 'pick-device.json', 'pick-user.json', 'reset-status.json']) {
      assert.ok(files.includes(file), file);
    }
  });

  for (const file of files) {
    describe(file, () => {
      const template = JSON.parse(readFileSync(path.join(cardsDir, file), 'utf8')) as Json;
      const nodes = allNodes(template);

      it('is an Adaptive Card 1.5 with a language', () => {
        assert.equal(template.type, 'AdaptiveCard');
        assert.equal(template.version, '1.5');
        assert.equal(template.$schema, 'http://adaptivecards.io/schemas/adaptive-card.json');
        assert.equal(template.lang, '${lang}');
      });

      it('uses only elements Teams renders', () => {
        for (const node of nodes) {
          if (node.type !== undefined) assert.ok(ELEMENT_TYPES.has(String(node.type)), `unexpected ${String(node.type)}`);
        }
      });

      it('holds no text of its own: every text and title is bound to data from the catalogs', () => {
        for (const node of nodes) {
          for (const key of ['text', 'title', 'altText', 'placeholder', 'fallbackText', 'speak', 'label', 'errorMessage']) {
            if (node[key] !== undefined) assert.match(String(node[key]), EXPRESSION, `${key}: ${String(node[key])}`);
          }
          for (const key of ['$data', '$when']) {
            if (node[key] !== undefined) assert.match(String(node[key]), EXPRESSION, `${key}: ${String(node[key])}`);
          }
        }
      });

      it('has only Action.Execute buttons with known verbs, carrying only ids and the revision', () => {
        for (const node of nodes.filter((n) => String(n.type).startsWith('Action.'))) {
          assert.equal(node.type, 'Action.Execute');
          const allowed = VERB_DATA[String(node.verb)];
          assert.ok(allowed, String(node.verb));
          const data = (node.data ?? {}) as Json;
          assert.deepEqual(Object.keys(data).sort(), [...allowed].sort(), `data of ${String(node.verb)}`);
          for (const value of Object.values(data)) assert.match(String(value), EXPRESSION);
        }
      });

      it('asks only for known inputs', () => {
        for (const node of nodes.filter((n) => String(n.type).startsWith('Input.'))) {
          assert.ok(INPUT_IDS.has(String(node.id)), String(node.id));
        }
      });
    });
  }
});
