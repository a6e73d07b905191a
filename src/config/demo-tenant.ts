import path from 'node:path';
import { SettingsError, type DemoTenantValues } from './settings';

/** The simulated tenant demo mode runs on, in this process. */
export interface DemoTenant {
  values: DemoTenantValues;
  close(): Promise<void>;
}

export interface DemoTenantOptions {
  /** SIMULATOR_PORT; 0 (default) takes any free port. */
  port?: number;
  /** How to start so that Node trusts the tenant's certificate, e.g. "start it with `npm run demo`". */
  howToStart?: string;
}

/**
 * Start the simulated tenant of demo mode (`DEMO_MODE=1`). Node must already trust its
 * certificate (NODE_EXTRA_CA_CERTS is read once, at start-up), so without it this refuses.
 */
export async function startDemoTenant(env: Record<string, string | undefined>, options: DemoTenantOptions = {}): Promise<DemoTenant> {
  // Imported lazily: production never loads the simulator.
  const sim = await import('../simulator');
  const certificate = await sim.ensureDevCertificate(path.resolve(env.SIMULATOR_DIR ?? '.simulator'));
  if (path.resolve(env.NODE_EXTRA_CA_CERTS ?? '') !== path.resolve(certificate.certPath)) {
    const trust = `set NODE_EXTRA_CA_CERTS=${certificate.certPath}`;
    const fix = options.howToStart ? `${options.howToStart} (or ${trust})` : trust;
    throw new SettingsError([`Demo mode needs Node to trust the simulated tenant's certificate: ${fix}.`]);
  }
  const running = await sim.startSimulator({ certificate, port: options.port ?? 0 });
  return {
    values: {
      url: running.url,
      tenantId: running.tenantId,
      clientId: running.clientId,
      clientSecret: running.clientSecret,
      helpdeskGroupId: sim.DEMO_HELPDESK_GROUP_ID,
      helpdeskAdminGroupId: sim.DEMO_HELPDESK_ADMIN_GROUP_ID,
    },
    close: () => running.close(),
  };
}
