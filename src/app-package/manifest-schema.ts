/**
 * Validation against the official Teams manifest schema, offline: `@microsoft/app-manifest`
 * bundles every published schema (draft-04, no remote references), and ajv compiles it with the
 * draft-04 dialect. Packaging-time only (a development dependency): the running bot never loads
 * this file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const schemasDir = (): string => path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams');

/** Where the bundled schema of a manifest version lives, e.g. `…/v1.30/MicrosoftTeams.schema.json`. */
export function manifestSchemaPath(manifestVersion: string): string {
  if (!/^\d+\.\d+$/.test(manifestVersion)) throw new Error(`manifestVersion "${manifestVersion}" is not a published version like 1.30.`);
  return path.join(schemasDir(), `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
}

/** The published manifest versions whose schema `@microsoft/app-manifest` bundles, oldest first (no previews). */
export function bundledManifestVersions(): string[] {
  const versions = readdirSync(schemasDir()).flatMap((name) => /^v(\d+\.\d+)$/.exec(name)?.[1] ?? []);
  const parts = (v: string): number[] => v.split('.').map(Number);
  return versions.sort((a, b) => parts(a)[0]! - parts(b)[0]! || parts(a)[1]! - parts(b)[1]!);
}

/** Schema errors as readable lines (`/bots/0/commandLists/0/commands must NOT have more than 10 items`); empty when valid. */
export function validateManifestSchema(manifest: unknown): string[] {
  const version = typeof manifest === 'object' && manifest !== null ? (manifest as Record<string, unknown>).manifestVersion : undefined;
  if (typeof version !== 'string') return ['manifestVersion is missing.'];
  let schema: Record<string, unknown>;
  try {
    schema = JSON.parse(readFileSync(manifestSchemaPath(version), 'utf8')) as Record<string, unknown>;
  } catch (error) {
    const newest = bundledManifestVersions().at(-1);
    return [`No bundled Teams schema for manifestVersion ${version}${newest ? ` (the newest is ${newest})` : ''}: ${error instanceof Error ? error.message : String(error)}.`];
  }
  // The schemas use `$schema` as a property and keywords ajv does not know in strict mode.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}${e.params && 'allowedValues' in e.params ? ` (${JSON.stringify(e.params.allowedValues)})` : ''}`);
}
