// A file crosses real Chromium data channels: two peer connections in one
// page, connected directly, send 50 MB of random bytes with the file
// transfer module bundled as it will be in the widget and the console.
import { expect, test } from '@playwright/test';
import { openModulePage } from './helpers.ts';

type FileTransferModule = typeof import('../rtc/src/file-transfer.ts');

const fileBytes = 50 * 1024 * 1024;

test('a 50 MB file arrives whole, verified by SHA-256 on both sides', async ({ page }) => {
  test.setTimeout(120_000);
  await openModulePage(page, '../rtc/src/file-transfer.ts', 'fileTransfer');

  const result = await page.evaluate(async (size) => {
    const { createFileTransfers, isFileChannel } = (window as unknown as { fileTransfer: FileTransferModule }).fileTransfer;
    const contents = new Uint8Array(size);
    for (let offset = 0; offset < size; offset += 65_536) crypto.getRandomValues(contents.subarray(offset, offset + 65_536));
    const hex = (digest: ArrayBuffer) => Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
    const expected = hex(await crypto.subtle.digest('SHA-256', contents));

    const visitorPc = new RTCPeerConnection();
    const agentPc = new RTCPeerConnection();
    visitorPc.onicecandidate = ({ candidate }) => candidate && void agentPc.addIceCandidate(candidate);
    agentPc.onicecandidate = ({ candidate }) => candidate && void visitorPc.addIceCandidate(candidate);
    const maxBytes = 64 * 1024 * 1024;
    const visitor = createFileTransfers({ createChannel: (label, init) => visitorPc.createDataChannel(label, init), maxBytes });
    const agent = createFileTransfers({ createChannel: (label, init) => agentPc.createDataChannel(label, init), maxBytes });
    agentPc.ondatachannel = ({ channel }) => isFileChannel(channel) && agent.receive(channel);

    const progress = { outgoing: [] as number[], incoming: [] as number[] };
    let acceptedAt = 0;
    let lastByteAt = 0;
    const sent = new Promise<string>((resolve, reject) =>
      visitor.on((event) => {
        if (event.type === 'progress') progress.outgoing.push(event.bytes);
        if (event.type === 'completed') resolve(event.sha256);
        if (event.type === 'failed' || event.type === 'cancelled' || event.type === 'declined') reject(new Error(`visitor: ${JSON.stringify(event)}`));
      }),
    );
    const received = new Promise<{ sha256: string; blob: Blob }>((resolve, reject) =>
      agent.on((event) => {
        if (event.type === 'offered') {
          acceptedAt = performance.now();
          agent.accept(event.transfer.id);
        }
        if (event.type === 'progress') {
          progress.incoming.push(event.bytes);
          if (event.bytes === event.size) lastByteAt = performance.now();
        }
        if (event.type === 'completed') resolve({ sha256: event.sha256, blob: event.blob! });
        if (event.type === 'failed' || event.type === 'cancelled' || event.type === 'declined') reject(new Error(`agent: ${JSON.stringify(event)}`));
      }),
    );

    // The first file's channel is what makes the connection negotiate a data transport.
    visitor.send(new File([contents], 'random.bin', { type: 'application/octet-stream' }));
    await visitorPc.setLocalDescription();
    await agentPc.setRemoteDescription(visitorPc.localDescription!);
    await agentPc.setLocalDescription();
    await visitorPc.setRemoteDescription(agentPc.localDescription!);

    const [senderSha256, { sha256: receiverSha256, blob }] = await Promise.all([sent, received]);
    const completedAt = performance.now();
    const arrived = new Uint8Array(await blob.arrayBuffer());
    const identical = arrived.length === contents.length && arrived.every((byte, index) => byte === contents[index]);
    const ascending = (list: number[]) => list.every((bytes, index) => index === 0 || bytes >= list[index - 1]!);
    visitorPc.close();
    agentPc.close();
    return {
      expected,
      senderSha256,
      receiverSha256,
      identical,
      blobSize: blob.size,
      transferMs: lastByteAt - acceptedAt,
      verifyMs: completedAt - lastByteAt,
      progress: Object.fromEntries(
        Object.entries(progress).map(([direction, list]) => [direction, { events: list.length, ascending: ascending(list), last: list.at(-1) }]),
      ),
    };
  }, fileBytes);

  expect(result).toMatchObject({
    senderSha256: result.expected,
    receiverSha256: result.expected,
    identical: true,
    blobSize: fileBytes,
    progress: { outgoing: { ascending: true, last: fileBytes }, incoming: { ascending: true, last: fileBytes } },
  });
  const megabytesPerSecond = fileBytes / 1024 / 1024 / (result.transferMs / 1000);
  const figures = `${fileBytes / 1024 / 1024} MB in ${Math.round(result.transferMs)} ms (${megabytesPerSecond.toFixed(1)} MB/s), verified in ${Math.round(result.verifyMs)} ms`;
  test.info().annotations.push({ type: 'throughput', description: figures });
  console.log(`file transfer: ${figures}`);
});
