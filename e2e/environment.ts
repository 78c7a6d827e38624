// The fixed addresses and credentials of the servers the journeys run against.
// The suite runs in a network namespace of its own, so fixed ports never clash.

export const beckonPort = 18787;
/** An origin on the demo tenant's allowlist (BECKON_DEMO_ORIGINS). */
export const allowedSitePort = 18788;
/** An origin that is on no allowlist. */
export const foreignSitePort = 18789;

/** The same API and pages on the Workers host (wrangler dev). */
export const workerPort = 18790;

export const beckonOrigin = `http://127.0.0.1:${beckonPort}`;
export const workerOrigin = `http://127.0.0.1:${workerPort}`;
export const allowedSiteOrigin = `http://127.0.0.1:${allowedSitePort}`;
export const foreignSiteOrigin = `http://127.0.0.1:${foreignSitePort}`;

export const demoPassword = 'e2e-demo-password';
/** The demo tenant's two agents; both share the demo password. */
export const demoAgents = { first: 'agent@demo.test', second: 'agent2@demo.test', supervisor: 'supervisor@demo.test' } as const;
/** The first demo agent's name, as visitors see it. */
export const demoAgentName = 'Alex (Demo agent)';
/** The demo tenant's admin, with the same password. */
export const demoAdmin = 'admin@demo.test';

/** How long the hosts wait for a dropped participant to come back (shorter than in production, to keep runs quick). */
export const reconnectGraceMs = 3000;

/** How long an agent's wrap-up holds back the next offer (short, so journeys with several calls stay quick). */
export const wrapUpSeconds = 2;

/** A Beckon the crash journey starts, kills with SIGKILL and starts again. */
export const crashPort = 18792;
export const crashOrigin = `http://127.0.0.1:${crashPort}`;

/** A Beckon that allows one visitor session a minute per address, started by the visitor-limits journey. */
export const limitedPort = 18793;
export const limitedOrigin = `http://127.0.0.1:${limitedPort}`;

/** A Beckon of its own for History's older pages, whose contacts are only the journey's. */
export const olderPagesPort = 18794;
export const olderPagesOrigin = `http://127.0.0.1:${olderPagesPort}`;

/** A second Beckon whose demo tenant is relay-only, with the TURN server below. */
export const relayOnlyPort = 18791;
export const relayOnlyOrigin = `http://127.0.0.1:${relayOnlyPort}`;

/** coturn, started by the relay-only journey; it and Beckon share the secret. */
export const turn = {
  port: 13478,
  /** The UDP ports coturn relays media on. */
  minRelayPort: 49160,
  maxRelayPort: 49200,
  realm: 'beckon.test',
  secret: 'e2e-turn-secret',
} as const;
export const turnUrl = `turn:127.0.0.1:${turn.port}?transport=udp`;

/** Debian's Chromium with a fake camera and microphone that need no permission prompt. */
export const chromiumPath = '/usr/bin/chromium';
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // Three fake cameras, so a journey can switch cameras mid-call. The second
  // (fake_device_1) is a depth camera whose frames WebRTC does not send; the third is an ordinary one.
  '--use-fake-device-for-media-stream=device-count=3',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];
