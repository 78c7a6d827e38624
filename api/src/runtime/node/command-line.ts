// How `npm start` and `npm run dev:worker` run their host from the command line.

/**
 * Starts a host and stops it on Ctrl-C or SIGTERM; a host that cannot start
 * ends the process with one line and exit code 1: a setting to change, not a
 * stack to read.
 * @example await runFromCommandLine(() => startNodeHost(options));
 */
export async function runFromCommandLine(start: () => Promise<{ stop(): Promise<void> }>): Promise<void> {
  try {
    const host = await start();
    const shutdown = () => void host.stop().then(() => process.exit(0));
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  } catch (error) {
    console.error(`Beckon could not start: ${(error as Error).message}`);
    process.exit(1);
  }
}
