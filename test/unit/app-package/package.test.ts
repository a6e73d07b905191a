import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import AdmZip from 'adm-zip';
import sinon from 'sinon';
import { AppPackageError, buildAppPackage, writeAppPackage } from '../../../src/app-package';
import { CLEAR, rgbaPng, WHITE } from './png-fixtures';

const ROOT = path.resolve(__dirname, '../../..');
const APP_DIR = path.join(ROOT, 'appPackage');
/** The archive's entries as an unzip tool sees them: name and bytes, in archive order. */
const unzipped = (zip: Buffer): Array<{ name: string; data: Buffer }> => new AdmZip(zip).getEntries().map((e) => ({ name: e.entryName, data: e.getData() }));

const ENV = { AAD_APP_CLIENT_ID: '3c2f5a1e-7b9d-4e21-9a0f-6d8c4b2e1f07', BOT_PUBLIC_URL: 'https://passcodedesk.contoso.com' };

/** A copy of appPackage/ in a temporary folder, to change one file without touching the real one. */
async function copyOfAppPackage(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'app-package-'));
  for (const file of ['manifest.json', 'color.png', 'outline.png']) await copyFile(path.join(APP_DIR, file), path.join(dir, file));
  return dir;
}

async function problemsOf(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AppPackageError, String(error));
    return error.problems;
  }
  return assert.fail('the package was built');
}

describe('npm run package', () => {
  let temp: string;
  beforeEach(async () => {
    temp = await mkdtemp(path.join(os.tmpdir(), 'app-package-out-'));
  });
  afterEach(() => rm(temp, { recursive: true, force: true }));

  it('writes a zip holding exactly manifest.json and the two icons at its root', async () => {
    const out = path.join(temp, 'appPackage.zip');
    const written = await writeAppPackage({ dir: APP_DIR, env: ENV, appVersion: '1.0.0', outFile: out });
    assert.equal(written.path, out);
    const entries = unzipped(await readFile(out));
    assert.deepEqual(entries.map((e) => e.name), ['manifest.json', 'color.png', 'outline.png']);
  });

  it('the zip unzips to the same bytes: the filled manifest and the icons as they are in appPackage/', async () => {
    const out = path.join(temp, 'appPackage.zip');
    const written = await writeAppPackage({ dir: APP_DIR, env: ENV, appVersion: '1.0.0', outFile: out });
    const entries = new Map(unzipped(await readFile(out)).map((e) => [e.name, Buffer.from(e.data)]));
    assert.deepEqual(JSON.parse(entries.get('manifest.json')!.toString('utf8')), written.manifest);
    assert.ok(entries.get('color.png')!.equals(await readFile(path.join(APP_DIR, 'color.png'))));
    assert.ok(entries.get('outline.png')!.equals(await readFile(path.join(APP_DIR, 'outline.png'))));
  });

  it('Info-ZIP unzip agrees: it lists the three files and their CRCs check', async () => {
    const out = path.join(temp, 'appPackage.zip');
    await writeAppPackage({ dir: APP_DIR, env: ENV, appVersion: '1.0.0', outFile: out });
    const list = spawnSync('unzip', ['-Z1', out], { encoding: 'utf8' });
    assert.deepEqual(list.stdout.trim().split('\n'), ['manifest.json', 'color.png', 'outline.png']);
    const test = spawnSync('unzip', ['-t', out], { encoding: 'utf8' });
    assert.equal(test.status, 0, test.stdout + test.stderr);
    const icon = spawnSync('unzip', ['-p', out, 'outline.png']);
    assert.ok(Buffer.from(icon.stdout).equals(await readFile(path.join(APP_DIR, 'outline.png'))));
  });

  it('the same settings give the same bytes, on another day too (the package can be rebuilt and compared)', async () => {
    const buildOn = async (day: string): Promise<Buffer> => {
      const clock = sinon.useFakeTimers({ now: new Date(day), toFake: ['Date'] });
      try {
        return (await buildAppPackage({ dir: APP_DIR, env: ENV, appVersion: '1.0.0' })).zip;
      } finally {
        clock.restore();
      }
    };
    assert.ok((await buildOn('2026-03-01T09:00:00Z')).equals(await buildOn('2026-11-30T17:45:13Z')));
  });

  it('fills optional settings from the environment: version, company name, privacy and terms pages', async () => {
    const built = await buildAppPackage({
      dir: APP_DIR,
      env: {
        ...ENV,
        TEAMS_APP_ID: '9d1e7c44-2b6a-4f0e-8c3d-5a7b9e1f2c60',
        APP_VERSION: '2.3.4',
        COMPANY_NAME: 'Contoso IT',
        APP_PRIVACY_URL: 'https://contoso.com/privacy',
        APP_TERMS_URL: 'https://contoso.com/terms',
      },
      appVersion: '1.0.0',
    });
    const m = built.manifest as { id: string; version: string; developer: Record<string, string> };
    assert.equal(m.id, '9d1e7c44-2b6a-4f0e-8c3d-5a7b9e1f2c60');
    assert.equal(m.version, '2.3.4');
    assert.deepEqual(m.developer, { name: 'Contoso IT', websiteUrl: ENV.BOT_PUBLIC_URL, privacyUrl: 'https://contoso.com/privacy', termsOfUseUrl: 'https://contoso.com/terms' });
    assert.deepEqual(built.defaulted, []);
  });

  it('refuses when the settings behind the placeholders are missing, naming each one', async () => {
    const problems = await problemsOf(buildAppPackage({ dir: APP_DIR, env: {}, appVersion: '1.0.0' }));
    assert.equal(problems.length, 2);
    assert.match(problems[0]!, /^AAD_APP_CLIENT_ID is required/);
    assert.match(problems[1]!, /^BOT_PUBLIC_URL is required/);
  });

  it('refuses a placeholder that no setting fills, and writes nothing', async () => {
    const dir = await copyOfAppPackage();
    try {
      const template = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
      (template.developer as Record<string, string>).mpnId = '${{PARTNER_ID}}';
      await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(template));
      const out = path.join(temp, 'appPackage.zip');
      const problems = await problemsOf(writeAppPackage({ dir, env: ENV, appVersion: '1.0.0', outFile: out }));
      assert.deepEqual(problems, ['manifest.json uses the placeholder ${{PARTNER_ID}}, which no setting fills.']);
      assert.equal(existsSync(out), false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses malformed values: app ids that are no GUID, an http URL, a version that is not x.y.z, a long company name', async () => {
    const problems = await problemsOf(
      buildAppPackage({
        dir: APP_DIR,
        env: { AAD_APP_CLIENT_ID: 'passcode-desk', TEAMS_APP_ID: 'com.contoso.passcodedesk', BOT_PUBLIC_URL: 'http://passcodedesk.contoso.com', APP_VERSION: '1.0', COMPANY_NAME: 'x'.repeat(33) },
        appVersion: '1.0.0',
      }),
    );
    assert.equal(problems.length, 5, problems.join('\n'));
    assert.match(problems.join('\n'), /AAD_APP_CLIENT_ID must be a GUID/);
    assert.match(problems.join('\n'), /TEAMS_APP_ID must be a GUID; got "com\.contoso\.passcodedesk"/);
    assert.match(problems.join('\n'), /BOT_PUBLIC_URL must be an https URL/);
    assert.match(problems.join('\n'), /APP_VERSION must be a version like 1\.2\.3/);
    assert.match(problems.join('\n'), /COMPANY_NAME must be at most 32 characters/);
  });

  it('refuses a bot identity that differs from the SSO app', async () => {
    const problems = await problemsOf(buildAppPackage({ dir: APP_DIR, env: { ...ENV, MicrosoftAppId: '00000000-0000-4000-8000-000000000001' }, appVersion: '1.0.0' }));
    assert.match(problems.join('\n'), /MicrosoftAppId and AAD_APP_CLIENT_ID must be the same Entra app/);
  });

  it('refuses a template whose bot is not the app that receives the SSO token', async () => {
    const dir = await copyOfAppPackage();
    try {
      const template = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as { bots: Array<{ botId: string }> };
      template.bots[0]!.botId = '00000000-0000-4000-8000-000000000001';
      await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(template));
      const problems = await problemsOf(buildAppPackage({ dir, env: ENV, appVersion: '1.0.0' }));
      assert.deepEqual(problems, [
        'webApplicationInfo.id must equal bots[0].botId: the bot is the Entra app that receives the SSO token.',
        `webApplicationInfo.resource must be api://botid-00000000-0000-4000-8000-000000000001; got "api://botid-${ENV.AAD_APP_CLIENT_ID}".`,
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses icons of the wrong size or an outline icon that is not white on transparent', async () => {
    const dir = await copyOfAppPackage();
    try {
      await writeFile(path.join(dir, 'color.png'), rgbaPng(96, 96, () => WHITE));
      await writeFile(path.join(dir, 'outline.png'), rgbaPng(32, 32, (x, y) => (x === 5 && y === 7 ? [255, 0, 0, 255] : x > 10 ? WHITE : CLEAR)));
      const problems = await problemsOf(buildAppPackage({ dir, env: ENV, appVersion: '1.0.0' }));
      assert.deepEqual(problems, [
        'The colour icon color.png must be 192×192 pixels; it is 96×96.',
        'The outline icon outline.png must be white on a transparent background; the pixel at (5, 7) is neither.',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the command refuses with the list of problems and exit code 1 when a value is malformed', async () => {
    const run = promisify(execFile);
    const env = { ...process.env, AAD_APP_CLIENT_ID: 'not-a-guid', BOT_PUBLIC_URL: 'https://passcodedesk.contoso.com', APP_VERSION: '1.0.0' };
    await assert.rejects(run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/package.ts')], { cwd: ROOT, env }), (error: unknown) => {
      const failed = error as { code?: number; stderr?: string };
      assert.equal(failed.code, 1);
      assert.match(failed.stderr ?? '', /The Teams app package was not written; fix these first:\n {2}- AAD_APP_CLIENT_ID must be a GUID; got "not-a-guid"\./);
      return true;
    });
  });
});
