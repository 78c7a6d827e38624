// The Workers host for the journeys: wrangler dev with fresh signing keys and
// the demo tenant, on the port and data directory the config gives it.
import { generateSigningKeys } from '../api/src/auth/tokens.ts';
import { startWorkerDev } from '../scripts/worker-dev.ts';

const worker = await startWorkerDev({
  port: Number(process.env.PORT),
  persistDir: process.env.BECKON_DATA_DIR!,
  vars: {
    BECKON_SIGNING_KEYS: JSON.stringify(await generateSigningKeys()),
    BECKON_DEMO_PASSWORD: process.env.BECKON_DEMO_PASSWORD!,
    BECKON_RECONNECT_GRACE_MS: process.env.BECKON_RECONNECT_GRACE_MS ?? '',
    BECKON_WRAP_UP_SECONDS: process.env.BECKON_WRAP_UP_SECONDS ?? '',
  },
  build: false,
  log: (line) => process.stderr.write(line),
});
const stop = () => void worker.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
