/**
 * Validation against the official Teams manifest schema, offline: `@microsoft/app-manifest`
 * bundles every published schema (draft-04, no remote references), and ajv compiles it with the
 * draft-04 dialect. Packaging-time only (a development dependency): the running bot never loads
 * this file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/** Where the bundled schema of a manifest version lives, e.g. `…/v1.22/MicrosoftTeams.schema.json`. */
export function manifestSchemaPath(manifestVersion: string): string {
  if (!/^\d+\.\d+$/.test(manifestVersion)) throw new Error(`manifestVersion "${manifestVersion}" is not a published version like 1.22.`);
  const root = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  return path.join(root, 'build', 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
}

/** Schema errors as readable lines (`/bots/0/commandLists/0/commands must NOT have more than 10 items`); empty when valid. */
export function validateManifestSchema(manifest: unknown): string[] {
  const version = typeof manifest === 'object' && manifest !== null ? (manifest as Record<string, unknown>).manifestVersion : undefined;
  if (typeof version !== 'string') return ['manifestVersion is missing.'];
  let schema: Record<string, unknown>;
  try {
    schema = JSON.parse(readFileSync(manifestSchemaPath(version), 'utf8')) as Record<string, unknown>;
  } catch (error) {
    return [`No bundled Teams schema for manifestVersion ${version} (${error instanceof Error ? error.message : String(error)}).`];
  }
  // The schemas use `$schema` as a property and keywords ajv does not know in strict mode.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}${e.params && 'allowedValues' in e.params ? ` (${JSON.stringify(e.params.allowedValues)})` : ''}`);
}
