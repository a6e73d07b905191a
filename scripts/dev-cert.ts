/**
 * Makes (or reuses) the simulated tenant's TLS certificate and prints its path, so launchers can
 * trust it through NODE_EXTRA_CA_CERTS before Node starts — TLS checks stay on everywhere.
 */
import { ensureDevCertificate } from '../src/simulator';

ensureDevCertificate(process.argv[2] ?? '.simulator')
  .then((cert) => process.stdout.write(cert.certPath))
  .catch((error: unknown) => {
    process.stderr.write(`Could not create the simulator certificate: ${String(error)}\n`);
    process.exit(1);
  });
