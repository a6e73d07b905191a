import assert from 'node:assert/strict';
import { crc32, decodePng, firstNonWhitePixel, readZip, writeZip } from '../../../src/app-package';
import { CLEAR, rgbaPng, WHITE, type Pixel } from './png-fixtures';

describe('ZIP writer and reader', () => {
  it('computes the standard CRC-32 check value', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
    assert.equal(crc32(Buffer.alloc(0)), 0);
  });

  it('round-trips compressible and incompressible files, and an empty one', () => {
    const random = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7919 + 13) % 251));
    const files = [
      { name: 'manifest.json', data: Buffer.from('{"a":"'.padEnd(2000, 'a') + '"}') },
      { name: 'noise.bin', data: random },
      { name: 'empty.txt', data: Buffer.alloc(0) },
      { name: 'ja-説明.txt', data: Buffer.from('パスコード', 'utf8') },
    ];
    const zip = writeZip(files);
    const back = readZip(zip);
    assert.deepEqual(back.map((e) => e.name), files.map((f) => f.name));
    back.forEach((e, i) => assert.ok(Buffer.from(e.data).equals(files[i]!.data), e.name));
    assert.ok(zip.length < 2000, 'the repetitive file is deflated');
  });

  it('detects a damaged entry by its CRC-32', () => {
    // 'xyz' does not shrink when deflated, so it is stored and its bytes sit right after the header.
    const broken = writeZip([{ name: 'a.txt', data: Buffer.from('xyz') }]);
    broken[30 + 'a.txt'.length] ^= 0xff;
    assert.throws(() => readZip(broken), /fails its CRC-32 check/);
  });

  it('refuses duplicate or escaping names', () => {
    assert.throws(() => writeZip([{ name: 'a', data: Buffer.alloc(1) }, { name: 'a', data: Buffer.alloc(1) }]), /Duplicate/);
    assert.throws(() => writeZip([{ name: '../a', data: Buffer.alloc(1) }]), /Invalid ZIP entry name/);
    assert.throws(() => writeZip([{ name: '/a', data: Buffer.alloc(1) }]), /Invalid ZIP entry name/);
  });
});

describe('PNG decoding for the icon checks', () => {
  const pattern = (x: number, y: number): Pixel => [(x * 37) & 255, (y * 53) & 255, (x * y) & 255, (x + y) % 2 ? 255 : 128];

  for (const filter of [0, 1, 2, 3, 4]) {
    it(`decodes every pixel of rows with filter type ${filter}`, () => {
      const { width, height, rgba } = decodePng(rgbaPng(9, 7, pattern, filter));
      assert.deepEqual([width, height], [9, 7]);
      for (let y = 0; y < 7; y++) for (let x = 0; x < 9; x++) assert.deepEqual([...rgba.subarray((y * 9 + x) * 4, (y * 9 + x) * 4 + 4)], [...pattern(x, y)]);
    });
  }

  it('accepts half-transparent white edges and any colour under full transparency', () => {
    assert.equal(firstNonWhitePixel(rgbaPng(4, 4, (x) => (x === 0 ? [255, 255, 255, 90] : x === 1 ? [12, 34, 56, 0] : x === 2 ? CLEAR : WHITE))), undefined);
  });

  it('finds a grey pixel in an outline icon', () => {
    assert.deepEqual(firstNonWhitePixel(rgbaPng(4, 4, (x, y) => (x === 3 && y === 2 ? [254, 254, 254, 255] : WHITE))), { x: 3, y: 2 });
  });

  it('refuses a file that is not a PNG', () => {
    assert.throws(() => decodePng(Buffer.from('GIF89a')), /not a PNG/);
  });
});
