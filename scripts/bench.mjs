// `npm run bench`: the benchmark of docs/benchmark.md (not part of `npm test`). It trusts the
// simulated tenant's certificate, then runs bench/run.ts; arguments pass through (e.g. --quick).
import path from 'node:path';
import { devCertificate, root, run } from './lib.mjs';

const certPath = devCertificate();
const code = await run(process.execPath, ['--import', 'tsx', '--disable-warning=DEP0111', path.join(root, 'bench', 'run.ts'), ...process.argv.slice(2)], {
  env: { ...process.env, NODE_EXTRA_CA_CERTS: certPath },
});
process.exit(code);
