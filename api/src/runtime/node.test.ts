// The API contract against the Node host on a free port with its own data directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiContract, contractSettings } from '../testing/contract.ts';
import { startNodeHost } from './node.ts';

apiContract('Node', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'beckon-api-'));
  const start = (port: number) => startNodeHost({
    port,
    host: '127.0.0.1',
    dataDir,
    demoPassword: contractSettings.demoPassword,
    demoOrigins: contractSettings.demoOrigins,
    build: false,
    ringTimeoutMs: contractSettings.ringTimeoutMs,
    reconnectGraceMs: contractSettings.reconnectGraceMs,
    log: () => {},
  });
  let beckon = await start(0);
  return {
    origin: beckon.origin,
    async restart() {
      await beckon.stop();
      beckon = await start(beckon.port);
    },
    async stop() {
      await beckon.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
});
