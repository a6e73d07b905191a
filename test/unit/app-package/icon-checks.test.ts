import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppPackageError, buildAppPackage, checkIcons } from '../../../src/app-package';
import { OUTLINE_FORMATS, outlinePaint } from './icon-fixtures';
import { CLEAR, rgbaPng, WHITE } from './png-fixtures';

const APP_DIR = path.resolve(__dirname, '../../../appPackage');
const ENV = { AAD_APP_CLIENT_ID: '3c2f5a1e-7b9d-4e21-9a0f-6d8c4b2e1f07', BOT_PUBLIC_URL: 'https://passcodedesk.contoso.com' };
const COLOR = rgbaPng(192, 192, () => [0x2f, 0x54, 0x96, 255]);

const problemsWith = (outline: Buffer, color = COLOR): string[] => checkIcons({ color, outline, colorName: 'color.png', outlineName: 'outline.png' });

describe('App icon checks', () => {
  describe('an outline icon that is white on transparent is accepted however the PNG is saved', () => {
    for (const { how, make } of OUTLINE_FORMATS) {
      it(`${how}: accepted`, () => {
        assert.deepEqual(problemsWith(make(outlinePaint())), []);
      });

      it(`${how}: one grey pixel is found, and named by its position`, () => {
        assert.deepEqual(problemsWith(make(outlinePaint({ x: 13, y: 17 }))), [
          'The outline icon outline.png must be white on a transparent background; the pixel at (13, 17) is neither.',
        ]);
      });
    }

    it('npm run package zips such icons as they are', async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'app-icons-'));
      try {
        await copyFile(path.join(APP_DIR, 'manifest.json'), path.join(dir, 'manifest.json'));
        const outline = OUTLINE_FORMATS.find((f) => f.how.includes('palette'))!.make(outlinePaint());
        await writeFile(path.join(dir, 'outline.png'), outline);
        await writeFile(path.join(dir, 'color.png'), COLOR);
        const built = await buildAppPackage({ dir, env: ENV, appVersion: '1.0.0' });
        assert.ok(built.files.find((f) => f.name === 'outline.png')!.data.equals(outline));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });

  it('accepts half-transparent white edges and any colour under full transparency', () => {
    const outline = rgbaPng(32, 32, (x) => (x === 0 ? [255, 255, 255, 90] : x === 1 ? [12, 34, 56, 0] : x === 2 ? CLEAR : WHITE));
    assert.deepEqual(problemsWith(outline), []);
  });

  describe('a broken icon gets a message that names the file and what is wrong', () => {
    const outline = rgbaPng(32, 32, (x, y) => outlinePaint()(x, y) === 'white' ? WHITE : CLEAR);

    it('a file that is not a PNG at all (a JPEG renamed)', () => {
      const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
      const [problem, ...rest] = problemsWith(outline, jpeg);
      assert.deepEqual(rest, []);
      assert.match(problem!, /^The colour icon color\.png is not a readable PNG \(.+\)\.$/);
    });

    it('a PNG cut short (an interrupted copy)', () => {
      const [problem, ...rest] = problemsWith(outline.subarray(0, outline.length - 40));
      assert.deepEqual(rest, []);
      assert.match(problem!, /^The outline icon outline\.png is not a readable PNG \(.+\)\.$/);
    });

    it('a PNG whose bytes were damaged (its checksum fails)', () => {
      const damaged = Buffer.from(outline);
      damaged[damaged.indexOf('IDAT', 0, 'latin1') + 6]! ^= 0xff;
      assert.match(problemsWith(damaged).join('\n'), /^The outline icon outline\.png is not a readable PNG \(.+\)\.$/);
    });

    it('icons of the wrong size, each with its expected and actual size', () => {
      assert.deepEqual(problemsWith(rgbaPng(48, 48, () => WHITE), rgbaPng(96, 96, () => WHITE)), [
        'The colour icon color.png must be 192×192 pixels; it is 96×96.',
        'The outline icon outline.png must be 32×32 pixels; it is 48×48.',
      ]);
    });

    it('the package is not written with such an icon', async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'app-icons-'));
      try {
        await copyFile(path.join(APP_DIR, 'manifest.json'), path.join(dir, 'manifest.json'));
        await copyFile(path.join(APP_DIR, 'outline.png'), path.join(dir, 'outline.png'));
        await writeFile(path.join(dir, 'color.png'), Buffer.from('GIF89a'));
        await assert.rejects(buildAppPackage({ dir, env: ENV, appVersion: '1.0.0' }), (error: unknown) => {
          assert.ok(error instanceof AppPackageError);
          assert.match(error.message, /The colour icon color\.png is not a readable PNG/);
          return true;
        });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
});
