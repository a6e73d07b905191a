import os from 'node:os';

/** What the numbers were measured on. */
export function describeMachine(): Record<string, string> {
  const cpus = os.cpus();
  return {
    CPU: `${cpus[0]?.model.trim() ?? 'unknown'} (${os.availableParallelism()} usable cores${cpus.length !== os.availableParallelism() ? ` of ${cpus.length}` : ''})`,
    Memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    OS: `${os.type()} ${os.release()} (${os.arch()})`,
    Node: process.version,
  };
}
