/**
 * `npm run package`: writes appPackage/build/appPackage.zip (manifest.json filled from the settings,
 * color.png, outline.png) to upload in Teams, or lists every problem and writes nothing.
 * Settings come from the environment, with `.env` loaded for local runs (the environment wins).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AppPackageError, writeAppPackage } from '../src/app-package';

const root = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const envFile = path.join(root, '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };

  const built = await writeAppPackage({ dir: path.join(root, 'appPackage'), env: process.env, appVersion: version });
  const m = built.manifest as { id: string; version: string; validDomains: string[]; bots: Array<{ botId: string }> };
  const botId = m.bots[0]?.botId;
  process.stdout.write(
    `Wrote ${path.relative(root, built.path)} (${built.files.map((f) => f.name).join(', ')}): ` +
      `app ${m.id}${botId && botId !== m.id ? ` (bot ${botId})` : ''}, version ${m.version}, valid domain ${m.validDomains.join(', ')}.\n`,
  );
  if (built.defaulted.length > 0) {
    process.stdout.write(`Defaults used for ${built.defaulted.join(', ')} (set them in .env or the environment to change them).\n`);
  }
  process.stdout.write('Upload it in Teams (Apps > Manage your apps > Upload an app) or in the Teams admin center.\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof AppPackageError ? error.message : `Packaging failed: ${error instanceof Error ? error.message : String(error)}`}\n`);
  process.exit(1);
});
