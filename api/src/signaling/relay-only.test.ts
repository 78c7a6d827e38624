import { describe, expect, it } from 'vitest';
import { isRelayCandidate, relayOnlySignal } from './relay-only.ts';

// Candidate lines as Chromium writes them.
const host = 'candidate:2880309032 1 udp 2122260223 192.168.1.20 54400 typ host generation 0 ufrag Ab12 network-id 1';
const hostTcp = 'candidate:3977418480 1 tcp 1518280447 192.168.1.20 9 typ host tcptype active generation 0';
const mdns = 'candidate:1 1 udp 2113937151 0b6f4ec5-91f6-4a43-a9a9-3cbb0e3c0d3e.local 54400 typ host generation 0';
const srflx = 'candidate:842163049 1 udp 1686052607 198.51.100.9 54400 typ srflx raddr 192.168.1.20 rport 54400 generation 0';
const prflx = 'candidate:4 1 udp 1853824767 198.51.100.9 61000 typ prflx raddr 0.0.0.0 rport 0';
const relay = 'candidate:1302812409 1 udp 41885439 203.0.113.7 50010 typ relay raddr 198.51.100.9 rport 54400 generation 0';
const relayHidden = 'candidate:1302812409 1 udp 41885439 203.0.113.7 50010 typ relay raddr 0.0.0.0 rport 0 generation 0';

const candidateSignal = (candidate: string) => ({ candidate: { candidate, sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'Ab12' } });

describe('relay-only signaling', () => {
  it('passes relay candidates and the end of candidates, and nothing that carries an address', () => {
    expect(isRelayCandidate(relay)).toBe(true);
    expect(isRelayCandidate(`a=${relay}`)).toBe(true);
    expect(isRelayCandidate('')).toBe(true);
    for (const line of [host, hostTcp, mdns, srflx, prflx, 'candidate:1 1 udp 1 10.0.0.1 5000 typ', 'garbage relay', 'candidate:relay relay relay relay relay relay relay relay']) {
      expect(isRelayCandidate(line), line).toBe(false);
    }
  });

  it('drops non-relay candidates, and keeps relay ones without the public address they were allocated for', () => {
    expect(relayOnlySignal(candidateSignal(host))).toBeNull();
    expect(relayOnlySignal(candidateSignal(srflx))).toBeNull();
    // A browser not told to use the relay only names its own public address as the relay candidate's raddr.
    expect(relayOnlySignal(candidateSignal(relay))).toEqual(candidateSignal(relayHidden));
    expect(relayOnlySignal(candidateSignal(relayHidden))).toEqual(candidateSignal(relayHidden));
    const tcp = 'candidate:5 1 tcp 25108735 203.0.113.7 50020 typ relay raddr 2001:db8::9 rport 9 tcptype passive';
    expect(relayOnlySignal(candidateSignal(tcp))).toEqual(candidateSignal('candidate:5 1 tcp 25108735 203.0.113.7 50020 typ relay raddr 0.0.0.0 rport 0 tcptype passive'));
  });

  it('strips non-relay candidate lines and every other address from a description, and leaves the rest untouched', () => {
    // As a browser not told to use the relay only writes it: its default address in c= and a=rtcp.
    const sdp = [
      'v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0',
      'm=audio 54400 UDP/TLS/RTP/SAVPF 111', 'c=IN IP4 198.51.100.9', 'a=rtcp:54400 IN IP4 198.51.100.9',
      `a=${host}`, `a=${srflx}`, `a=${relay}`, 'a=end-of-candidates', 'a=mid:0',
      'm=video 54402 UDP/TLS/RTP/SAVPF 96', 'c=IN IP6 2001:db8::9', 'a=rtcp:9 IN IP6 2001:db8::9', 'a=mid:1', '',
    ].join('\r\n');
    const filtered = relayOnlySignal({ description: { type: 'offer', sdp } });
    expect(filtered).toEqual({
      description: {
        type: 'offer',
        sdp: [
          'v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0',
          'm=audio 54400 UDP/TLS/RTP/SAVPF 111', 'c=IN IP4 0.0.0.0', 'a=rtcp:54400 IN IP4 0.0.0.0',
          `a=${relayHidden}`, 'a=end-of-candidates', 'a=mid:0',
          'm=video 54402 UDP/TLS/RTP/SAVPF 96', 'c=IN IP4 0.0.0.0', 'a=rtcp:9 IN IP4 0.0.0.0', 'a=mid:1', '',
        ].join('\r\n'),
      },
    });
  });
});
