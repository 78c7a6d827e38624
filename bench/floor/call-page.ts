// The floor of call setup: a page with one bare RTCPeerConnection that trades
// offer, answer and candidates with its peer through the floor relay, and
// nothing else. Both pages have their cameras already, as Beckon's have while
// a call rings (the widget's while queued, the console's from the ring). The
// "agent" page offers when its Accept button is pressed; the "visitor" page
// answers; the agent hangs up once the call is timed.

/** How one floor page is set up: passed as its query. */
export interface FloorPageConfig {
  role: 'agent' | 'visitor';
  relay: string;
  room: string;
  iceServers: RTCIceServer[];
  iceTransportPolicy: RTCIceTransportPolicy;
}

/**
 * The page's HTML; `join(room)` in the page (re)connects to a room for the next call.
 * @example await route.fulfill({ contentType: 'text/html', body: floorPageHtml });
 */
export const floorPageHtml = `<!doctype html>
<meta charset="utf-8"><title>Floor call</title>
<button type="button" id="accept">Accept</button>
<script type="module">
const config = JSON.parse(new URLSearchParams(location.search).get('config'));
const media = () => navigator.mediaDevices.getUserMedia({ audio: true, video: true });
let socket, pc, local, queue = Promise.resolve();
const send = (message) => socket.send(JSON.stringify(message));
const connect = () => {
  pc = new RTCPeerConnection({ iceServers: config.iceServers, iceTransportPolicy: config.iceTransportPolicy, bundlePolicy: 'max-bundle' });
  for (const track of local.getTracks()) pc.addTrack(track, local);
  pc.onicecandidate = ({ candidate }) => candidate && send({ candidate });
};
const handle = async (message) => {
  if (message.candidate) return pc.addIceCandidate(message.candidate);
  if (!pc) connect();
  await pc.setRemoteDescription(message.description);
  if (message.description.type === 'offer') {
    await pc.setLocalDescription();
    send({ description: pc.localDescription });
  }
};
window.join = async (room) => {
  pc?.close();
  pc = undefined;
  for (const track of local?.getTracks() ?? []) track.stop();
  local = await media();
  socket?.close();
  socket = new WebSocket(config.relay + '/' + room);
  socket.onmessage = ({ data }) => (queue = queue.then(() => handle(JSON.parse(data))));
  await new Promise((open) => (socket.onopen = open));
};
// Ends the call once it is timed, as Beckon's visitor hangs up: a connection
// left open would go on encoding the camera through the next calls, Beckon's
// among them, until ICE gave up on the closed page (about 30 s).
window.hangUp = () => {
  pc?.close();
  pc = undefined;
};
document.getElementById('accept').onclick = async () => {
  connect();
  await pc.setLocalDescription();
  send({ description: pc.localDescription });
};
await window.join(config.room);
window.floorReady = true;
</script>
`;
