/**
 * A small ZIP writer for the Teams app package (a handful of small files): each entry deflated
 * (raw DEFLATE, method 8) or stored when deflating does not help, then the central directory.
 * No ZIP64, no encryption, no data descriptors: Teams needs none of them, and leaving them out
 * keeps the format to the three records below (PKWARE APPNOTE, sections 4.3.7, 4.3.12, 4.3.16).
 */
import { deflateRawSync } from 'node:zlib';
import { crc32 } from './crc32';

/** One file of the archive. */
export interface ZipEntry {
  /** Path inside the archive, `/`-separated (the app package keeps every file at the root). */
  name: string;
  data: Uint8Array;
}

export interface ZipOptions {
  /**
   * Modification time recorded for every entry. Fixed by default so that the same inputs give the
   * same bytes (a package can be rebuilt and compared).
   */
  modified?: Date;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** "Version needed to extract" 2.0: the version that introduced DEFLATE. */
const VERSION_20 = 20;
/** General purpose flag bit 11: the name is UTF-8. */
const UTF8_NAMES = 0x0800;
const STORED = 0;
const DEFLATED = 8;
const MAX_32 = 0xffffffff;
const DEFAULT_MODIFIED = new Date(2000, 0, 1, 0, 0, 0);

/** MS-DOS date and time (local time, two-second resolution), as ZIP records them. */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getFullYear(), 1980), 2107);
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

function checkName(name: string): void {
  if (name === '' || name.startsWith('/') || name.includes('\\') || name.split('/').includes('..')) {
    throw new Error(`Invalid ZIP entry name "${name}".`);
  }
}

/** Build a ZIP archive in memory. Entry names must be unique. */
export function writeZip(entries: readonly ZipEntry[], options: ZipOptions = {}): Buffer {
  const { time, date } = dosDateTime(options.modified ?? DEFAULT_MODIFIED);
  const seen = new Set<string>();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;

  for (const entry of entries) {
    checkName(entry.name);
    if (seen.has(entry.name)) throw new Error(`Duplicate ZIP entry "${entry.name}".`);
    seen.add(entry.name);

    const name = Buffer.from(entry.name, 'utf8');
    const data = Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength);
    const deflated = deflateRawSync(data, { level: 9 });
    const method = deflated.length < data.length ? DEFLATED : STORED;
    const body = method === DEFLATED ? deflated : data;
    const crc = crc32(data);
    if (data.length > MAX_32 || offset > MAX_32) throw new Error('The archive is too large for a ZIP without ZIP64.');

    // Local file header: what an extractor reads right before the data.
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(VERSION_20, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28); // no extra field
    locals.push(local, name, body);

    // Central directory header: the same facts plus where the local header starts.
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_HEADER, 0);
    central.writeUInt16LE(VERSION_20, 4); // made by: MS-DOS attributes, spec 2.0
    central.writeUInt16LE(VERSION_20, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk number, internal and external attributes: all 0
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + body.length;
  }

  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  // number of this disk and of the disk with the directory: 0
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  // comment length: 0
  return Buffer.concat([...locals, directory, end]);
}
