import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  APP_VERSION_PATTERN,
  buildAppPackage,
  bundledManifestVersions,
  manifestSchemaPath,
  placeholdersIn,
  readIcon,
  validateManifestSchema,
  type AppPackage,
} from '../../../src/app-package';
import { ssoResourceUri } from '../../../src/bot/sign-in/oauth-card';
import { parseCommand, type CommandKind } from '../../../src/commands/parse-command';

const APP_DIR = path.resolve(__dirname, '../../../appPackage');
const CLIENT_ID = '3c2f5a1e-7b9d-4e21-9a0f-6d8c4b2e1f07';
const ENV = { AAD_APP_CLIENT_ID: CLIENT_ID, BOT_PUBLIC_URL: 'https://passcodedesk.contoso.com/' };

interface Command {
  title: string;
  description: string;
}
interface CommandList {
  scopes: string[];
  commands: Command[];
}
interface Manifest {
  manifestVersion: string;
  version: string;
  id: string;
  bots: Array<{ botId: string; scopes: string[]; commandLists: CommandList[] }>;
  validDomains: string[];
  webApplicationInfo: { id: string; resource: string };
  developer: Record<string, string>;
}

/**
 * How someone would naturally use each command title Teams offers in its command menu (a title
 * ending in "for" is followed by a name), and what the bot must understand from it.
 */
const NATURAL_USE: Readonly<Record<string, { text: string; kind: CommandKind }>> = {
  'reset PIN for': { text: 'reset PIN for alice', kind: 'resetFor' },
  'show passcode for': { text: 'show passcode for alice', kind: 'showPasscode' },
  history: { text: 'history', kind: 'history' },
  'I forgot my PIN': { text: 'I forgot my PIN', kind: 'forgotMyPin' },
  'setup check': { text: 'setup check', kind: 'setupCheck' },
  'use this channel for approvals': { text: 'use this channel for approvals', kind: 'useThisChannel' },
  help: { text: 'help', kind: 'help' },
};

describe('Teams app manifest', () => {
  let built: AppPackage;
  let manifest: Manifest;
  const listFor = (scope: string): CommandList | undefined => manifest.bots[0]?.commandLists.find((l) => l.scopes.includes(scope));

  before(async () => {
    built = await buildAppPackage({ dir: APP_DIR, env: ENV, appVersion: '1.0.0' });
    manifest = built.manifest as unknown as Manifest;
  });

  describe('the filled manifest', () => {
    it('uses the newest manifest schema version @microsoft/app-manifest bundles, and names its schema', () => {
      const versions = bundledManifestVersions();
      assert.ok(versions.includes('1.22') && versions.length > 10, versions.join());
      assert.equal(manifest.manifestVersion, versions.at(-1));
      assert.ok(existsSync(manifestSchemaPath(manifest.manifestVersion)));
      assert.equal((built.manifest as { $schema?: string }).$schema, `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
    });

    it('a manifest version with no bundled schema is refused, naming the newest there is', () => {
      const errors = validateManifestSchema({ ...built.manifest, manifestVersion: '1.99' });
      assert.equal(errors.length, 1);
      assert.match(errors[0]!, new RegExp(`^No bundled Teams schema for manifestVersion 1\\.99 \\(the newest is ${bundledManifestVersions().at(-1)!.replace('.', '\\.')}\\)`));
    });

    it('is valid against the official Teams schema of its version, offline', () => {
      assert.deepEqual(validateManifestSchema(built.manifest), []);
    });

    it('the schema check is not vacuous: too many commands (more than 12 since 1.30) or an unknown scope are refused', () => {
      const broken = structuredClone(built.manifest) as unknown as Manifest;
      broken.bots[0]!.commandLists[0]!.commands = Array.from({ length: 13 }, (_, i) => ({ title: `c${i}`, description: 'd' }));
      broken.bots[0]!.scopes.push('meeting');
      const errors = validateManifestSchema(broken);
      assert.ok(errors.some((e) => e.includes('/bots/0/commandLists/0/commands') && e.includes('12 items')), errors.join('\n'));
      assert.ok(errors.some((e) => e.includes('/bots/0/scopes/3')), errors.join('\n'));
    });

    it('has a semver version (which the schema does not check)', () => {
      assert.match(manifest.version, APP_VERSION_PATTERN);
    });

    it('has no placeholder left', () => {
      assert.deepEqual(placeholdersIn(built.manifest), []);
      assert.doesNotMatch(JSON.stringify(built.manifest), /\$\{\{/);
    });

    it('uses the Entra app id for the bot and SSO, and for the app when TEAMS_APP_ID is not set', () => {
      assert.equal(manifest.id, CLIENT_ID);
      assert.equal(manifest.bots[0]?.botId, CLIENT_ID);
      assert.equal(manifest.webApplicationInfo.id, CLIENT_ID);
      assert.ok(built.defaulted.includes('TEAMS_APP_ID'));
    });

    it("uses TEAMS_APP_ID as the app's id when set (as the Agents Toolkit creates it), the Entra app id for the bot and SSO", async () => {
      const teamsAppId = '9D1E7C44-2B6A-4F0E-8C3D-5A7B9E1F2C60';
      const other = await buildAppPackage({ dir: APP_DIR, env: { ...ENV, TEAMS_APP_ID: teamsAppId }, appVersion: '1.0.0' });
      const m = other.manifest as unknown as Manifest;
      assert.equal(m.id, teamsAppId.toLowerCase());
      assert.equal(m.bots[0]?.botId, CLIENT_ID);
      assert.deepEqual(m.webApplicationInfo, { id: CLIENT_ID, resource: `api://botid-${CLIENT_ID}` });
      assert.ok(!other.defaulted.includes('TEAMS_APP_ID'));
      assert.deepEqual(validateManifestSchema(other.manifest), []);
    });

    it("asks Teams for an SSO token for the same resource as the bot's OAuthCard", () => {
      assert.equal(manifest.webApplicationInfo.resource, ssoResourceUri(CLIENT_ID));
      assert.equal(manifest.webApplicationInfo.resource, `api://botid-${CLIENT_ID}`);
    });

    it("lists the bot's public host as the valid domain, and developer pages on https", () => {
      assert.deepEqual(manifest.validDomains, ['passcodedesk.contoso.com']);
      assert.equal(manifest.developer.websiteUrl, 'https://passcodedesk.contoso.com');
      for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) assert.match(manifest.developer[key]!, /^https:\/\//);
    });
  });

  describe('bot and commands', () => {
    it('installs the bot in personal, team and group chat scopes, with a command list for each', () => {
      assert.deepEqual([...manifest.bots[0]!.scopes].sort(), ['groupChat', 'personal', 'team']);
      for (const scope of ['personal', 'team', 'groupChat']) assert.ok(listFor(scope), scope);
    });

    it('offers every command in the personal chat', () => {
      const titles = listFor('personal')!.commands.map((c) => c.title);
      for (const title of ['reset PIN for', 'I forgot my PIN', 'show passcode for', 'history', 'setup check', 'help']) {
        assert.ok(titles.includes(title), title);
      }
    });

    it('keeps self-service to the personal chat and channel set-up to teams', () => {
      assert.ok(!listFor('team')!.commands.some((c) => c.title === 'I forgot my PIN'));
      assert.ok(!listFor('groupChat')!.commands.some((c) => c.title === 'I forgot my PIN'));
      assert.ok(listFor('team')!.commands.some((c) => c.title === 'use this channel for approvals'));
      assert.ok(!listFor('personal')!.commands.some((c) => c.title === 'use this channel for approvals'));
    });

    it('has no title twice in one list', () => {
      for (const list of manifest.bots[0]!.commandLists) {
        const titles = list.commands.map((c) => c.title);
        assert.equal(new Set(titles).size, titles.length, list.scopes.join());
      }
    });

    const everyTitle = (): string[] => [...new Set(manifest.bots[0]!.commandLists.flatMap((l) => l.commands.map((c) => c.title)))];

    it('every command title has a natural use in this test (a new command needs one)', () => {
      for (const title of everyTitle()) assert.ok(NATURAL_USE[title], `no natural use for "${title}"`);
    });

    for (const [title, use] of Object.entries(NATURAL_USE)) {
      it(`the bot understands "${use.text}" (command "${title}") as ${use.kind}`, () => {
        assert.equal(parseCommand(use.text).kind, use.kind);
      });
    }

    it('in channels and group chats, the bot understands each of their commands after its @mention', () => {
      for (const scope of ['team', 'groupChat']) {
        for (const { title } of listFor(scope)!.commands) {
          const use = NATURAL_USE[title]!;
          assert.equal(parseCommand(`<at>Passcode Desk</at> ${use.text}`).kind, use.kind, `${scope}: ${use.text}`);
        }
      }
    });
  });

  describe('icons', () => {
    const icon = (name: string): Buffer => readFileSync(path.join(APP_DIR, name));

    it('the colour icon is 192×192 and the outline icon 32×32', () => {
      assert.deepEqual([readIcon(icon('color.png')).width, readIcon(icon('color.png')).height], [192, 192]);
      assert.deepEqual([readIcon(icon('outline.png')).width, readIcon(icon('outline.png')).height], [32, 32]);
    });

    it('every pixel of the outline icon is white or fully transparent, and some are white', () => {
      const { rgba } = readIcon(icon('outline.png'));
      let white = 0;
      for (let i = 0; i < rgba.length; i += 4) {
        const isWhite = rgba[i] === 255 && rgba[i + 1] === 255 && rgba[i + 2] === 255;
        const isClear = rgba[i + 3] === 0;
        assert.ok(isWhite || isClear, `pixel ${i / 4} is rgba(${[...rgba.subarray(i, i + 4)].join(',')})`);
        if (isWhite && !isClear) white++;
      }
      assert.ok(white > 0, 'the outline icon is empty');
    });

    it('the colour icon is fully opaque (Teams shows it on any background)', () => {
      const { rgba } = readIcon(icon('color.png'));
      for (let i = 3; i < rgba.length; i += 4) assert.equal(rgba[i], 255);
    });
  });
});
