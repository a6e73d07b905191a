/**
 * Reads back the ZIP archives `writeZip` produces (and other plain ones: stored or deflated, no
 * ZIP64, no encryption), checking every entry's size and CRC-32. Used to verify a package after
 * writing it.
 */
import { inflateRawSync } from 'node:zlib';
import { crc32 } from './crc32';
import type { ZipEntry } from './zip-writer';

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const STORED = 0;
const DEFLATED = 8;

function fail(reason: string): never {
  throw new Error(`Not a valid ZIP archive: ${reason}.`);
}

/** The end-of-central-directory record: the last 22 bytes, or earlier when a comment follows. */
function findEndRecord(zip: Buffer): number {
  const lowest = Math.max(0, zip.length - 22 - 0xffff);
  for (let at = zip.length - 22; at >= lowest; at--) {
    if (zip.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  return fail('no end of central directory');
}

/** Every entry of the archive, in central directory order, with its data uncompressed. */
export function readZip(zip: Buffer): ZipEntry[] {
  if (zip.length < 22) fail('too short');
  const end = findEndRecord(zip);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];

  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_HEADER) fail(`central directory entry ${i} is damaged`);
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    at += 46 + nameLength + extraLength + commentLength;

    if (flags & 0x0001) fail(`"${name}" is encrypted`);
    if (localOffset + 30 > zip.length || zip.readUInt32LE(localOffset) !== LOCAL_HEADER) fail(`local header of "${name}" is missing`);
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const body = zip.subarray(dataStart, dataStart + compressedSize);
    if (body.length !== compressedSize) fail(`"${name}" is truncated`);

    let data: Buffer;
    if (method === STORED) data = Buffer.from(body);
    else if (method === DEFLATED) data = inflateRawSync(body);
    else return fail(`"${name}" uses compression method ${method}`);
    if (data.length !== size) fail(`"${name}" has ${data.length} bytes, the directory says ${size}`);
    if (crc32(data) !== crc) fail(`"${name}" fails its CRC-32 check`);
    entries.push({ name, data });
  }
  return entries;
}
