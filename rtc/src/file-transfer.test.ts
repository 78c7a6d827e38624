// Two sides of a conversation sending files over fake connected data channels
// (Node has no WebRTC); the channels deliver asynchronously, buffer and drain
// as Chromium's do. Digests are checked against node:crypto, not the module's own.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { fakeDataChannelPair, type FakeDataChannel, type FakeDataChannelOptions, type SentMessage } from './fake-data-channel.ts';
import { createFileTransfers, fileChannelProtocol, isFileChannel, type FileTransferEvent, type FileTransfers } from './file-transfer.ts';
import { formatBytes } from './format-bytes.ts';

const MiB = 1024 * 1024;

function randomFile(bytes: number, name = 'scan.pdf', type = 'application/pdf') {
  const contents = new Uint8Array(randomBytes(bytes));
  return { file: new File([contents], name, { type }), contents, sha256: createHash('sha256').update(contents).digest('hex') };
}

/** One side of the conversation, with every event it emitted. */
function side(transfers: FileTransfers) {
  const events: FileTransferEvent[] = [];
  transfers.on((event) => void events.push(event));
  const next = <T extends FileTransferEvent['type']>(type: T) =>
    vi.waitFor(() => {
      const found = events.find((event) => event.type === type);
      if (!found) throw new Error(`no ${type} event yet`);
      return found as Extract<FileTransferEvent, { type: T }>;
    }, { timeout: 15_000, interval: 5 });
  const progress = () => events.filter((event) => event.type === 'progress').map((event) => event.bytes);
  return { transfers, events, next, progress };
}

/**
 * A visitor and an agent whose file channels are fake pairs: the visitor's
 * `createChannel` opens one, and the agent takes its other end as
 * `pc.ondatachannel` would hand it over.
 */
function conversation(link: FakeDataChannelOptions = {}, limits = { visitor: 50 * MiB, agent: 50 * MiB }) {
  const channels: { local: FakeDataChannel; remote: FakeDataChannel; sent: SentMessage[] }[] = [];
  const agent = side(createFileTransfers({ createChannel: () => { throw new Error('the agent sends nothing here'); }, maxBytes: limits.agent }));
  const visitor = side(
    createFileTransfers({
      maxBytes: limits.visitor,
      createChannel(label, init) {
        const pair = fakeDataChannelPair({ ...link, label, protocol: init.protocol });
        channels.push(pair);
        pair.remote.addEventListener('open', () => isFileChannel(pair.remote) && agent.transfers.receive(pair.remote));
        return pair.local;
      },
    }),
  );
  const wire = () => channels.flatMap((pair) => pair.sent);
  const binary = () => wire().filter((message) => message.data instanceof ArrayBuffer);
  return { visitor, agent, channels, wire, binary };
}

const closed = (channel: FakeDataChannel) => vi.waitFor(() => expect(channel.readyState).toBe('closed'));

describe('sending a file', () => {
  it('sends no byte of the file before the receiver accepts', async () => {
    const { visitor, agent, wire, binary } = conversation();
    const { file } = randomFile(300_000);
    const id = visitor.transfers.send(file);

    const offered = await agent.next('offered');
    expect(offered.transfer).toMatchObject({ id, direction: 'incoming', name: 'scan.pdf', size: 300_000, mimeType: 'application/pdf', state: 'offered' });
    expect(visitor.transfers.list()).toMatchObject([{ id, direction: 'outgoing', state: 'offered', bytes: 0 }]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(binary()).toEqual([]);

    agent.transfers.accept(id);
    await agent.next('completed');
    const sent = wire();
    const accepted = sent.findIndex((message) => typeof message.data === 'string' && JSON.parse(message.data).type === 'accept');
    const firstChunk = sent.findIndex((message) => message.data instanceof ArrayBuffer);
    expect(accepted).toBeGreaterThan(0);
    expect(firstChunk).toBeGreaterThan(accepted);
  });

  it('delivers a multi-megabyte random file whole, verified by SHA-256 on both sides', async () => {
    const { visitor, agent } = conversation();
    const { file, contents, sha256 } = randomFile(6 * MiB + 12_345);
    const id = visitor.transfers.send(file);
    await agent.next('offered');
    agent.transfers.accept(id);

    const received = await agent.next('completed');
    const sent = await visitor.next('completed');
    expect(received).toMatchObject({ id, direction: 'incoming', name: 'scan.pdf', sha256 });
    expect(sent).toEqual({ type: 'completed', id, direction: 'outgoing', name: 'scan.pdf', sha256 });
    expect(received.blob!.type).toBe('application/pdf');
    expect(Buffer.from(await received.blob!.arrayBuffer()).equals(contents)).toBe(true);
    expect(agent.transfers.list()).toMatchObject([{ id, state: 'completed', bytes: file.size, sha256, blob: received.blob }]);
    expect(visitor.transfers.list()).toMatchObject([{ id, state: 'completed', bytes: file.size, sha256 }]);
  });

  // Opened from its Save link in a new tab, a blob typed as a page would run
  // the sender's script in the receiver's page: the customer's website, for a visitor.
  it.each(['text/html', 'TEXT/HTML; charset=utf-8', 'image/svg+xml', 'application/xhtml+xml', 'text/xml'])(
    'keeps a received file the sender calls %j as bare bytes, which a browser saves and never runs',
    async (type) => {
      const { visitor, agent } = conversation();
      const { file } = randomFile(1000, 'invoice.html', type);
      const id = visitor.transfers.send(file);
      await agent.next('offered');
      agent.transfers.accept(id);
      expect((await agent.next('completed')).blob!.type).toBe('application/octet-stream');
    },
  );

  it('reports progress on both sides that only grows and ends at the file size', async () => {
    const { visitor, agent } = conversation({ bytesPerTask: 128 * 1024 });
    const { file } = randomFile(2 * MiB);
    const id = visitor.transfers.send(file);
    await agent.next('offered');
    agent.transfers.accept(id);
    await visitor.next('completed');

    for (const bytes of [visitor.progress(), agent.progress()]) {
      expect(bytes.length).toBeGreaterThanOrEqual(32);
      expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
      expect(bytes.at(-1)).toBe(file.size);
    }
  });

  it('pauses while the channel holds a megabyte and resumes when it drains', async () => {
    const { visitor, agent, channels } = conversation({ bytesPerTask: 64 * 1024 });
    const { file, sha256 } = randomFile(8 * MiB);
    const id = visitor.transfers.send(file);
    await agent.next('offered');
    agent.transfers.accept(id);
    expect((await agent.next('completed')).sha256).toBe(sha256);

    // Reading a chunk takes a moment and the link carries one per task: without pausing, megabytes would queue.
    const [{ local }] = channels as [(typeof channels)[number]];
    expect(local.peakBufferedAmount).toBeGreaterThan(MiB / 2);
    expect(local.peakBufferedAmount).toBeLessThanOrEqual(MiB + 64 * 1024);
  });

  it('sends an empty file', async () => {
    const { visitor, agent } = conversation();
    const id = visitor.transfers.send(new File([], 'empty.txt', { type: 'text/plain' }));
    await agent.next('offered');
    agent.transfers.accept(id);
    const received = await agent.next('completed');
    expect(received.sha256).toBe(createHash('sha256').digest('hex'));
    expect(received.blob!.size).toBe(0);
  });
});

describe('a file that arrives damaged', () => {
  it('fails on both sides, and the receiver keeps no file', async () => {
    const { visitor, agent } = conversation({
      inTransit(message) {
        if (!(message.data instanceof ArrayBuffer) || message.data.byteLength !== 64 * 1024) return message.data;
        const damaged = new Uint8Array(message.data.slice(0));
        damaged[1000]! ^= 0x01;
        return damaged.buffer;
      },
    });
    const { file } = randomFile(3 * MiB);
    const id = visitor.transfers.send(file);
    await agent.next('offered');
    agent.transfers.accept(id);

    const received = await agent.next('failed');
    const sent = await visitor.next('failed');
    expect(received).toMatchObject({ id, reason: 'corrupted', message: expect.stringMatching(/SHA-256 does not match/) });
    expect(sent).toMatchObject({ id, reason: 'corrupted' });
    expect(agent.events.some((event) => event.type === 'completed')).toBe(false);
    expect(agent.transfers.list()[0]).toMatchObject({ state: 'failed', failure: 'corrupted' });
    expect(agent.transfers.list()[0]!.blob).toBeUndefined();
  });
});

describe('cancelling', () => {
  it.each(['visitor', 'agent'] as const)('by the %s stops the transfer on both sides mid-way', async (who) => {
    const { visitor, agent, channels, binary } = conversation({ bytesPerTask: 64 * 1024 });
    const { file } = randomFile(16 * MiB);
    const id = visitor.transfers.send(file);
    await agent.next('offered');
    agent.transfers.accept(id);
    await vi.waitFor(() => expect(agent.progress().at(-1)).toBeGreaterThan(MiB));

    const [canceller, other] = who === 'visitor' ? [visitor, agent] : [agent, visitor];
    canceller.transfers.cancel(id);
    expect(await canceller.next('cancelled')).toMatchObject({ id, by: 'local' });
    expect(await other.next('cancelled')).toMatchObject({ id, by: 'peer' });
    await Promise.all([closed(channels[0]!.local), closed(channels[0]!.remote)]);
    const chunksSent = binary().length;
    const progressSeen = [visitor.progress().length, agent.progress().length];
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(binary().length).toBe(chunksSent);
    expect(chunksSent * 64 * 1024).toBeLessThan(file.size / 2);
    expect([visitor.progress().length, agent.progress().length]).toEqual(progressSeen);
    for (const { transfers } of [visitor, agent]) expect(transfers.list()).toMatchObject([{ id, state: 'cancelled' }]);
    expect(() => agent.transfers.accept(id)).toThrow(/cancelled, not waiting/);
  });

  it('an offer before it is answered withdraws it from the receiver', async () => {
    const { visitor, agent, binary } = conversation();
    const id = visitor.transfers.send(randomFile(1000).file);
    await agent.next('offered');
    visitor.transfers.cancel(id);
    expect(await agent.next('cancelled')).toMatchObject({ id, by: 'peer' });
    expect(binary()).toEqual([]);
  });

  it('a closed connection fails what is under way on both sides', async () => {
    const { visitor, agent, channels } = conversation({ bytesPerTask: 64 * 1024 });
    const id = visitor.transfers.send(randomFile(8 * MiB).file);
    await agent.next('offered');
    agent.transfers.accept(id);
    await vi.waitFor(() => expect(agent.progress().at(-1)).toBeGreaterThan(MiB));
    channels[0]!.remote.close();
    expect(await visitor.next('failed')).toMatchObject({ id, reason: 'closed', message: 'The connection closed before the file was complete.' });
    expect(await agent.next('failed')).toMatchObject({ id, reason: 'closed' });
  });

  it('closing the transfers cancels every one under way and takes no more', async () => {
    const { visitor, agent } = conversation();
    const first = visitor.transfers.send(randomFile(1000, 'a.txt').file);
    const second = visitor.transfers.send(randomFile(1000, 'b.txt').file);
    await vi.waitFor(() => expect(agent.transfers.list()).toHaveLength(2));
    agent.transfers.close();
    await vi.waitFor(() => expect(visitor.events.filter((event) => event.type === 'cancelled')).toHaveLength(2));
    expect(visitor.transfers.list().map(({ id, state, cancelledBy }) => ({ id, state, cancelledBy }))).toEqual([
      { id: first, state: 'cancelled', cancelledBy: 'peer' },
      { id: second, state: 'cancelled', cancelledBy: 'peer' },
    ]);
    expect(() => agent.transfers.receive(fakeDataChannelPair({ protocol: fileChannelProtocol }).remote)).toThrow(/closed/);
  });

  it('closing the transfers cancels an offer that arrives afterwards on a channel taken before', async () => {
    const { agent, local, replies, offer } = await hostileVisitor();
    agent.transfers.close();
    local.send(JSON.stringify(offer));
    await closed(local);
    expect(replies).toEqual([{ type: 'cancel' }]);
    expect(agent.events).toEqual([]);
  });
});

describe('declining', () => {
  it('tells the sender, sends no bytes and closes the channel', async () => {
    const { visitor, agent, channels, binary } = conversation();
    const id = visitor.transfers.send(randomFile(5000).file);
    await agent.next('offered');
    agent.transfers.decline(id);
    expect(await visitor.next('declined')).toEqual({ type: 'declined', id, direction: 'outgoing' });
    expect(await agent.next('declined')).toEqual({ type: 'declined', id, direction: 'incoming' });
    await closed(channels[0]!.local);
    expect(binary()).toEqual([]);
    expect(visitor.transfers.list()).toMatchObject([{ id, state: 'declined' }]);
  });
});

describe('the size limit', () => {
  it('keeps the sender from offering a larger file, with a clear error', () => {
    const { visitor, channels } = conversation({}, { visitor: 10 * MiB, agent: 50 * MiB });
    expect(() => visitor.transfers.send(randomFile(10 * MiB + 1, 'video.mp4').file)).toThrow('"video.mp4" is 10 MB, over the 10 MB limit for sending files.');
    expect(() => visitor.transfers.send(randomFile(12 * MiB, 'video.mp4').file)).toThrow('"video.mp4" is 12 MB, over the 10 MB limit for sending files.');
    expect(channels).toEqual([]);
    expect(visitor.transfers.list()).toEqual([]);
  });

  it('makes the receiver refuse a larger offer before any byte flows', async () => {
    const { visitor, agent, binary } = conversation({}, { visitor: 50 * MiB, agent: 2 * MiB });
    const id = visitor.transfers.send(randomFile(3 * MiB, 'video.mp4').file);
    expect(await agent.next('failed')).toMatchObject({ id, direction: 'incoming', reason: 'too-large', message: '"video.mp4" is 3 MB, over the 2 MB limit for receiving files.' });
    expect(await visitor.next('failed')).toMatchObject({ id, direction: 'outgoing', reason: 'too-large', message: 'The file is larger than the receiving side accepts.' });
    expect(agent.events.some((event) => event.type === 'offered')).toBe(false);
    expect(binary()).toEqual([]);
  });

  it('must be a whole number of bytes', () => {
    expect(() => createFileTransfers({ createChannel: () => { throw new Error('unused'); }, maxBytes: -1 })).toThrow(RangeError);
    expect(() => createFileTransfers({ createChannel: () => { throw new Error('unused'); }, maxBytes: 1.5 })).toThrow(/whole number/);
  });
});

describe('names', () => {
  it.each([
    ['', /needs a name/],
    ['../etc/passwd', /cannot contain/],
    ['a\u0000b', /cannot contain/],
    ['invoice\u202efdp.exe', /cannot contain/],
    ['x'.repeat(256), /at most 255/],
    ['..', /cannot be/],
  ])('refuses to send a file named %j', (name, problem) => {
    const { visitor } = conversation();
    expect(() => visitor.transfers.send(new File(['x'], name))).toThrow(problem);
  });

  it('formats sizes as people read them', () => {
    expect([formatBytes(0), formatBytes(1023), formatBytes(1536), formatBytes(50 * MiB), formatBytes(1.25 * 1024 * MiB)]).toEqual(['0 bytes', '1023 bytes', '1.5 KB', '50 MB', '1.3 GB']);
  });
});

/** The agent's side of one channel, with a test playing a misbehaving visitor on the other end. */
async function hostileVisitor() {
  const agent = side(createFileTransfers({ createChannel: () => { throw new Error('unused'); }, maxBytes: MiB }));
  const { local, remote } = fakeDataChannelPair({ protocol: fileChannelProtocol });
  local.binaryType = 'arraybuffer';
  const replies: unknown[] = [];
  local.addEventListener('message', (event) => void replies.push(JSON.parse((event as MessageEvent).data)));
  await new Promise((resolve) => local.addEventListener('open', resolve));
  agent.transfers.receive(remote);
  const offer = { type: 'offer', id: 'f1', name: 'a.txt', size: 10, mimeType: 'text/plain' };
  return { agent, local, remote, replies, offer };
}

describe('malformed messages', () => {
  it.each([
    ['text that is not JSON', 'not json', /not an offer/],
    ['a JSON array', '[1,2]', /not an offer/],
    ['a message of another type first', JSON.stringify({ type: 'done', sha256: 'x' }), /not an offer/],
    ['a negative size', JSON.stringify({ type: 'offer', id: 'f1', name: 'a', size: -1, mimeType: '' }), /size/],
    ['a fractional size', JSON.stringify({ type: 'offer', id: 'f1', name: 'a', size: 1.5, mimeType: '' }), /size/],
    ['a size as text', JSON.stringify({ type: 'offer', id: 'f1', name: 'a', size: '10', mimeType: '' }), /size/],
    ['a path for a name', JSON.stringify({ type: 'offer', id: 'f1', name: '../../a', size: 1, mimeType: '' }), /cannot contain/],
    // Shown as "invoiceexe.pdf": a right-to-left override dresses a program up as a document.
    ['a name that reorders itself', JSON.stringify({ type: 'offer', id: 'f1', name: 'invoice\u202efdp.exe', size: 1, mimeType: '' }), /cannot contain/],
    ['a name with a directional isolate', JSON.stringify({ type: 'offer', id: 'f1', name: 'scan\u2067exe.pdf', size: 1, mimeType: '' }), /cannot contain/],
    ['a name too long', JSON.stringify({ type: 'offer', id: 'f1', name: 'n'.repeat(300), size: 1, mimeType: '' }), /at most 255|not an offer/],
    ['a bad id', JSON.stringify({ type: 'offer', id: '<script>', name: 'a', size: 1, mimeType: '' }), /id/],
    ['no MIME type', JSON.stringify({ type: 'offer', id: 'f1', name: 'a', size: 1 }), /type/],
  ])('refuses an offer with %s and goes on receiving', async (_, message, problem) => {
    const { agent, local, replies, offer } = await hostileVisitor();
    local.send(message);
    expect(await agent.next('error')).toEqual({ type: 'error', message: expect.stringMatching(problem) });
    await closed(local);
    expect(replies).toEqual([{ type: 'error', reason: 'protocol' }]);
    expect(agent.transfers.list()).toEqual([]);

    const next = fakeDataChannelPair({ protocol: fileChannelProtocol });
    await new Promise((resolve) => next.local.addEventListener('open', resolve));
    agent.transfers.receive(next.remote);
    next.local.send(JSON.stringify(offer));
    expect((await agent.next('offered')).transfer).toMatchObject({ id: 'f1', name: 'a.txt' });
  });

  it.each([
    ['bytes before the accept', false, (local: FakeDataChannel) => local.send(new ArrayBuffer(4))],
    ['more bytes than offered', true, (local: FakeDataChannel) => local.send(new ArrayBuffer(11))],
    ['done before every byte', true, (local: FakeDataChannel) => local.send(JSON.stringify({ type: 'done', sha256: 'a'.repeat(64) }))],
    ['a digest that is no SHA-256', true, (local: FakeDataChannel) => { local.send(new ArrayBuffer(10)); local.send(JSON.stringify({ type: 'done', sha256: 'abc' })); }],
    ['an unknown message', true, (local: FakeDataChannel) => local.send(JSON.stringify({ type: 'shrug' }))],
  ])('fails the transfer on %s and tells the sender', async (_, accept, misbehave) => {
    const { agent, local, replies, offer } = await hostileVisitor();
    local.send(JSON.stringify(offer));
    await agent.next('offered');
    if (accept) agent.transfers.accept('f1');
    misbehave(local);
    expect(await agent.next('failed')).toMatchObject({ id: 'f1', reason: 'protocol', message: 'The other side broke the file transfer protocol.' });
    await closed(local);
    expect(replies.at(-1)).toEqual({ type: 'error', reason: 'protocol' });
  });

  it('takes an error of a kind it does not know as a broken protocol', async () => {
    const { agent, local, offer } = await hostileVisitor();
    local.send(JSON.stringify(offer));
    await agent.next('offered');
    local.send(JSON.stringify({ type: 'error', reason: 'toString' }));
    expect(await agent.next('failed')).toMatchObject({ id: 'f1', reason: 'protocol' });
  });

  it('refuses a second offer with the id of a transfer it has', async () => {
    const { agent, local, offer } = await hostileVisitor();
    local.send(JSON.stringify(offer));
    await agent.next('offered');
    const again = fakeDataChannelPair({ protocol: fileChannelProtocol });
    await new Promise((resolve) => again.local.addEventListener('open', resolve));
    agent.transfers.receive(again.remote);
    again.local.send(JSON.stringify(offer));
    expect(await agent.next('error')).toEqual({ type: 'error', message: 'A file offer was refused: a transfer with the id f1 exists already.' });
    expect(agent.transfers.list()).toMatchObject([{ id: 'f1', state: 'offered' }]);
  });

  it('fails a sending transfer when the receiver answers with bytes', async () => {
    const { visitor, agent, channels } = conversation();
    const id = visitor.transfers.send(randomFile(1000).file);
    await agent.next('offered');
    channels[0]!.remote.send(new ArrayBuffer(8));
    expect(await visitor.next('failed')).toMatchObject({ id, reason: 'protocol' });
    expect(await agent.next('failed')).toMatchObject({ id, reason: 'protocol' });
  });

  it('takes only channels that carry a file', () => {
    const files = createFileTransfers({ createChannel: () => { throw new Error('unused'); }, maxBytes: MiB });
    expect(() => files.receive(fakeDataChannelPair({ label: 'chat', protocol: 't140' }).remote)).toThrow('Channel "chat" does not carry a file (protocol "t140").');
  });
});
