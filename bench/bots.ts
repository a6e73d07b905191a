import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { BotKind, ChildMessage, ParentMessage } from './bot-process';

export interface MemoryReading {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

/** A bot running in its own Node process (see bot-process.ts). */
export interface BotUnderTest {
  kind: BotKind;
  url: string;
  pid: number | undefined;
  /** Memory after a full garbage collection in the bot's process. */
  memory(): Promise<MemoryReading>;
  /** CPU time (user + system) the bot's process has used so far, ms. */
  cpuMs(): Promise<number>;
  /** The last lines the bot wrote to stderr (for a failure report). */
  stderrTail(): string;
  stop(): Promise<void>;
}

/**
 * Start a bot process with `env` and Node options `nodeOptions`, and wait until it listens.
 * `compiled`: the compiled bot-process.js (see build.ts); without it the TypeScript source runs
 * through tsx.
 */
export async function startBot(kind: BotKind, env: Record<string, string>, compiled?: string, nodeOptions: readonly string[] = []): Promise<BotUnderTest> {
  const entry = compiled ?? path.join(__dirname, 'bot-process.ts');
  const child: ChildProcess = fork(entry, [kind], {
    execArgv: [...(compiled ? [] : ['--import', 'tsx']), ...new Set([...nodeOptions, '--expose-gc', '--disable-warning=DEP0111'])],
    env: { PATH: process.env.PATH ?? '', ...env },
    // The bot's log lines (stdout) are discarded like a production log shipper would take them away.
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} did not start in 60 s: ${stderr}`)), 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${kind} exited with ${code} before it was ready: ${stderr}`));
    });
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message.url);
      }
    });
  });
  child.removeAllListeners('exit');
  /** One IPC question, answered by the first reply of its type. */
  const ask = <T extends ChildMessage['type']>(type: T & ParentMessage['type']) =>
    new Promise<Extract<ChildMessage, { type: T }>>((resolve) => {
      const listener = (message: ChildMessage) => {
        if (message.type !== type) return;
        child.off('message', listener);
        resolve(message as Extract<ChildMessage, { type: T }>);
      };
      child.on('message', listener);
      child.send({ type } as ParentMessage);
    });
  return {
    kind,
    url,
    pid: child.pid,
    cpuMs: async () => {
      const usage = await ask('cpu');
      return (usage.userMicros + usage.systemMicros) / 1000;
    },
    memory: async () => {
      const m = await ask('memory');
      return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external };
    },
    stderrTail: () => stderr,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.send({ type: 'stop' } satisfies ParentMessage);
      }),
  };
}
