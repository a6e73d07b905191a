/**
 * A bot under test, in its own process so that its memory and CPU are its own: Passcode Desk
 * (`passcode-desk`) or the echo baseline (`echo`). Started by the bench with fork(); it reports its
 * URL over IPC and answers `{ type: 'memory' }` with process.memoryUsage() after a full GC, and
 * `{ type: 'cpu' }` with the CPU time it has used.
 */

export type BotKind = 'passcode-desk' | 'echo';

export type ParentMessage = { type: 'memory' } | { type: 'cpu' } | { type: 'stop' };
export type ChildMessage =
  | { type: 'ready'; url: string }
  | { type: 'memory'; rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number }
  | { type: 'cpu'; userMicros: number; systemMicros: number };

function send(message: ChildMessage): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const kind = process.argv[2] as BotKind;
  let url: string;
  let close: () => Promise<void>;
  // Each kind loads only its own modules, so that the echo bot's memory is botbuilder's alone.
  if (kind === 'echo') {
    const { startEchoBot } = await import('./echo-bot');
    ({ url, close } = await startEchoBot());
  } else {
    const [{ MemoryStorage }, { startApp }, { ConsoleLogger }, { createMemoryState }, { loadSettings }] = await Promise.all([
      import('botbuilder'),
      import('../src/app'),
      import('../src/adapters/logging/console-logger'),
      import('../src/adapters/memory'),
      import('../src/config/settings'),
    ]);
    const settings = loadSettings(process.env);
    // Production logging (info, one JSON line per event) to stdout, which the bench discards.
    const logger = new ConsoleLogger({ level: 'info' });
    // BENCH_STATE=memory: every store in this process (the bot's own cost, and the worst case
    // for its memory); otherwise Azure Storage through AZURE_STORAGE_CONNECTION_STRING (Azurite).
    const memory = process.env.BENCH_STATE === 'memory';
    const app = await startApp(settings, {
      logger,
      ...(memory ? { state: createMemoryState({ logger }), storage: new MemoryStorage() } : {}),
    });
    url = app.url;
    close = () => app.close();
  }
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'memory') {
      global.gc?.();
      global.gc?.();
      const usage = process.memoryUsage();
      send({ type: 'memory', rss: usage.rss, heapUsed: usage.heapUsed, heapTotal: usage.heapTotal, external: usage.external, arrayBuffers: usage.arrayBuffers });
    } else if (message.type === 'cpu') {
      const usage = process.cpuUsage();
      send({ type: 'cpu', userMicros: usage.user, systemMicros: usage.system });
    } else if (message.type === 'stop') {
      void close().finally(() => process.exit(0));
    }
  });
  send({ type: 'ready', url });
}

main().catch((error: unknown) => {
  process.stderr.write(`bot process failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
