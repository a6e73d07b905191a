/**
 * The Teams app package: `manifest.json` filled from the settings, plus the two icons, zipped at
 * the archive root. Every problem (a setting, a placeholder, the schema, an icon) is collected and
 * reported together, and nothing is written while one remains.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { checkIcons } from './icon-checks';
import { checkManifest, iconFilesOf } from './manifest-checks';
import { validateManifestSchema } from './manifest-schema';
import { fillPlaceholders } from './manifest-template';
import { PACKAGE_SETTINGS, packageValuesFrom, type Env } from './package-values';

/** The package cannot be built; `problems` lists every reason, one sentence each. */
export class AppPackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`The Teams app package was not written; fix these first:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'AppPackageError';
  }
}

/** One file of the package archive. */
export interface PackageFile {
  name: string;
  data: Buffer;
}

export interface AppPackageOptions {
  /** The folder holding `manifest.json` and the icons (`appPackage/`). */
  dir: string;
  /** Settings: the environment, with `.env` loaded for local runs. */
  env: Env;
  /** Default for APP_VERSION: the project's package.json version. */
  appVersion: string;
}

export interface AppPackage {
  /** The filled manifest, as written into the package. */
  manifest: Record<string, unknown>;
  /** The archive's files, in archive order: manifest.json, then the colour and outline icons. */
  files: PackageFile[];
  zip: Buffer;
  /** Settings that were not given and took their default (worth a line on the console). */
  defaulted: string[];
}

async function readIcon(dir: string, file: string | undefined, problems: string[]): Promise<Buffer | undefined> {
  if (file === undefined) return undefined;
  try {
    return await readFile(path.join(dir, file));
  } catch {
    problems.push(`The icon ${file} named in manifest.json is missing from ${dir}.`);
    return undefined;
  }
}

/** Fill, check and zip the package in memory. Throws AppPackageError listing every problem. */
export async function buildAppPackage(options: AppPackageOptions): Promise<AppPackage> {
  const templatePath = path.join(options.dir, 'manifest.json');
  let template: unknown;
  try {
    template = JSON.parse(await readFile(templatePath, 'utf8'));
  } catch (error) {
    throw new AppPackageError([`${templatePath} cannot be read as JSON (${error instanceof Error ? error.message : String(error)}).`]);
  }

  const { values, problems, defaulted } = packageValuesFrom(options.env, { appVersion: options.appVersion });
  const { filled, unfilled } = fillPlaceholders(template, values);
  // A setting we know is already reported above when it has no value; name only the strangers.
  const known = new Set<string>([...Object.keys(PACKAGE_SETTINGS), 'BOT_DOMAIN']);
  for (const name of unfilled.filter((n) => !known.has(n))) {
    problems.push(`manifest.json uses the placeholder \${{${name}}}, which no setting fills.`);
  }
  if (problems.length > 0) throw new AppPackageError(problems);

  const manifest = filled as Record<string, unknown>;
  problems.push(...checkManifest(manifest), ...validateManifestSchema(manifest).map((e) => `manifest.json does not match the Teams schema: ${e}`));

  const icons = iconFilesOf(manifest);
  const color = await readIcon(options.dir, icons.color, problems);
  const outline = await readIcon(options.dir, icons.outline, problems);
  if (color && outline && icons.color && icons.outline) {
    problems.push(...checkIcons({ color, outline, colorName: icons.color, outlineName: icons.outline }));
  }
  if (problems.length > 0 || !color || !outline || !icons.color || !icons.outline) throw new AppPackageError(problems);

  const files: PackageFile[] = [
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
    { name: icons.color, data: color },
    { name: icons.outline, data: outline },
  ];
  return { manifest, files, zip: zipOf(files), defaulted };
}

/** Every entry's date: fixed, so the same settings give the same bytes (a package can be rebuilt and compared). */
const ENTRY_DATE = new Date(2020, 0, 1);

/** The files deflated at the archive root, in order, as the Agents Toolkit packages them (adm-zip). */
function zipOf(files: PackageFile[]): Buffer {
  // adm-zip sorts entries by name unless told not to; manifest.json first is what readers expect.
  const zip = new AdmZip(undefined, { noSort: true });
  for (const file of files) zip.addFile(file.name, file.data).header.time = ENTRY_DATE;
  return zip.toBuffer();
}

/** Where `npm run package` writes the package. */
export const defaultPackagePath = (dir: string): string => path.join(dir, 'build', 'appPackage.zip');

/** Build the package and write it (through a temporary file, so a reader never sees half a zip). */
export async function writeAppPackage(options: AppPackageOptions & { outFile?: string }): Promise<AppPackage & { path: string }> {
  const built = await buildAppPackage(options);
  const outFile = path.resolve(options.outFile ?? defaultPackagePath(options.dir));
  await mkdir(path.dirname(outFile), { recursive: true });
  const temp = `${outFile}.${process.pid}.tmp`;
  await writeFile(temp, built.zip);
  await rename(temp, outFile);
  return { ...built, path: outFile };
}
