import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { allNodes, type Json } from './card-inspect';

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
]);
const VERBS = new Set(['chooseUser', 'chooseDevice', 'confirm', 'cancel', 'hidePasscode']);
const DATA_KEYS = new Set(['flowId', 'revision', 'userId', 'deviceId']);
/** A whole value that is exactly one binding expression. */
const EXPRESSION = /^\$\{[^{}]+\}$/;

describe('card templates in /cards', () => {
  it('are the ones the views use', () => {
    assert.deepEqual(files.sort(), [
      'confirm-reset.json',
      'passcode-hidden.json',
      'passcode.json',
      'pick-device.json',
      'pick-user.json',
      'reset-status.json',
    ]);
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
          for (const key of ['text', 'title', 'altText', 'placeholder', 'fallbackText', 'speak']) {
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
          assert.ok(VERBS.has(String(node.verb)), String(node.verb));
          const data = node.data as Json;
          assert.ok(data.flowId !== undefined && data.revision !== undefined);
          for (const [key, value] of Object.entries(data)) {
            assert.ok(DATA_KEYS.has(key), `data.${key}`);
            assert.match(String(value), EXPRESSION);
          }
        }
      });
    });
  }
});
