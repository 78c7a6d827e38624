import { describe, expect, it, vi } from 'vitest';
import {
  mosFromNetwork,
  qualityFromStats,
  qualityWarnings,
  recentSamples,
  summarizeQuality,
  watchQuality,
  type QualitySample,
  type StatsRecord,
} from './quality.ts';
import { qualitySample as sample } from './testing.ts';

interface Counters {
  audioReceived: number;
  audioLost: number;
  audioBytesIn: number;
  videoReceived: number;
  videoLost: number;
  videoBytesIn: number;
  audioBytesOut: number;
  videoBytesOut: number;
}

const start: Counters = {
  audioReceived: 1450,
  audioLost: 12,
  audioBytesIn: 145_000,
  videoReceived: 3020,
  videoLost: 8,
  videoBytesIn: 2_900_000,
  audioBytesOut: 150_000,
  videoBytesOut: 3_100_000,
};

// The reports Chromium's getStats() gives for a relayed video call, trimmed of
// fields nothing reads but keeping the ones that must never leak: addresses,
// TURN URLs, fingerprints, track ids.
function chromiumStats(timestamp: number, counters: Counters, localType = 'relay'): StatsRecord[] {
  return [
    { id: 'T01', type: 'transport', timestamp, dtlsState: 'connected', iceRole: 'controlling', selectedCandidatePairId: 'CPa1b2_c3d4', localCertificateId: 'CFab:cd', bytesSent: 3_400_000, bytesReceived: 3_100_000 },
    { id: 'CFab:cd', type: 'certificate', timestamp, fingerprint: 'AB:CD:EF:01:23', fingerprintAlgorithm: 'sha-256', base64Certificate: 'MIIBFjCBvaADAgECAgkA' },
    { id: 'CPzz_yy', type: 'candidate-pair', timestamp, transportId: 'T01', localCandidateId: 'Izz', remoteCandidateId: 'Iyy', state: 'failed', nominated: false, currentRoundTripTime: 0.9 },
    { id: 'CPa1b2_c3d4', type: 'candidate-pair', timestamp, transportId: 'T01', localCandidateId: 'Ia1b2', remoteCandidateId: 'Ic3d4', state: 'succeeded', nominated: true, writable: true, currentRoundTripTime: 0.0434, totalRoundTripTime: 1.3, availableOutgoingBitrate: 2_500_000 },
    { id: 'Izz', type: 'local-candidate', timestamp, transportId: 'T01', address: '192.168.1.20', ip: '192.168.1.20', port: 50110, protocol: 'udp', candidateType: 'host', networkType: 'wifi' },
    { id: 'Ia1b2', type: 'local-candidate', timestamp, transportId: 'T01', address: '203.0.113.7', ip: '203.0.113.7', port: 61234, protocol: 'udp', candidateType: localType, relayProtocol: 'udp', url: 'turn:turn.example.com:3478?transport=udp', relatedAddress: '192.168.1.20', relatedPort: 50110, networkType: 'wifi', usernameFragment: 'Xy7q' },
    { id: 'Ic3d4', type: 'remote-candidate', timestamp, transportId: 'T01', address: '198.51.100.23', ip: '198.51.100.23', port: 49152, protocol: 'udp', candidateType: 'srflx' },
    { id: 'COT01_111', type: 'codec', timestamp, transportId: 'T01', mimeType: 'audio/opus', clockRate: 48000, payloadType: 111, sdpFmtpLine: 'minptime=10;useinbandfec=1' },
    { id: 'IT01A3711', type: 'inbound-rtp', timestamp, kind: 'audio', ssrc: 3711, mid: '0', codecId: 'COT01_111', trackIdentifier: '5a9c1e0e-7b1f-4b7e-9f1c-1d2e3f4a5b6c', jitter: 0.0124, packetsReceived: counters.audioReceived, packetsLost: counters.audioLost, bytesReceived: counters.audioBytesIn, audioLevel: 0.04121, totalAudioEnergy: 0.31, concealedSamples: 480 },
    { id: 'IT01V9102', type: 'inbound-rtp', timestamp, kind: 'video', ssrc: 9102, mid: '1', trackIdentifier: 'e0b8d1b2-22f1-4c59-8a3e-0c1d2e3f4a5b', jitter: 0.021, packetsReceived: counters.videoReceived, packetsLost: counters.videoLost, bytesReceived: counters.videoBytesIn, framesPerSecond: 29.97, frameWidth: 640, frameHeight: 480, framesDecoded: 2700, decoderImplementation: 'libvpx' },
    { id: 'OT01A5511', type: 'outbound-rtp', timestamp, kind: 'audio', ssrc: 5511, mid: '0', mediaSourceId: 'SA1', packetsSent: 1500, bytesSent: counters.audioBytesOut },
    { id: 'OT01V6622', type: 'outbound-rtp', timestamp, kind: 'video', ssrc: 6622, mid: '1', mediaSourceId: 'SV2', packetsSent: 3100, bytesSent: counters.videoBytesOut, frameWidth: 1280, frameHeight: 720, framesPerSecond: 30, encoderImplementation: 'libvpx' },
    { id: 'RIA5511', type: 'remote-inbound-rtp', timestamp, kind: 'audio', ssrc: 5511, localId: 'OT01A5511', roundTripTime: 0.051, jitter: 0.003, packetsLost: 2, fractionLost: 0 },
    { id: 'SA1', type: 'media-source', timestamp, kind: 'audio', trackIdentifier: '0c4b4f3e-mic', audioLevel: 0.2, totalAudioEnergy: 1.2 },
  ];
}

const oneSecondLater: Counters = {
  audioReceived: start.audioReceived + 50,
  audioLost: start.audioLost,
  audioBytesIn: start.audioBytesIn + 5_000,
  videoReceived: start.videoReceived + 180,
  videoLost: start.videoLost + 20,
  videoBytesIn: start.videoBytesIn + 120_000,
  audioBytesOut: start.audioBytesOut + 4_000,
  videoBytesOut: start.videoBytesOut + 150_000,
};

describe('a quality sample from getStats()', () => {
  it('reads the selected pair, the received media and the loss since the call began when there is no previous snapshot', () => {
    const sample = qualityFromStats(chromiumStats(10_000, start), null);
    expect(sample).toEqual({
      rttMs: 51, // the audio's own round trip, not the pair's 43 ms
      jitterMs: 12,
      lossPercent: 0.8, // 12 audio packets lost of 1462 expected
      videoJitterMs: 21,
      videoLossPercent: 0.3, // 8 of 3028
      inboundKbps: null,
      outboundKbps: null,
      framesPerSecond: 30,
      frameWidth: 640,
      frameHeight: 480,
      audioLevel: 0.04,
      candidateType: 'relay',
      remoteCandidateType: 'srflx',
      mos: 4.3,
    });
  });

  it('turns the counters of two snapshots one second apart into loss and bitrates for that second', () => {
    const sample = qualityFromStats(chromiumStats(11_000, oneSecondLater), chromiumStats(10_000, start));
    expect(sample.videoLossPercent).toBe(10); // 20 lost of 200 expected
    expect(sample.inboundKbps).toBe(1000); // 125,000 bytes in one second
    expect(sample.outboundKbps).toBe(1232); // 154,000 bytes in one second
  });

  it('scores the voice from the audio alone: lost video packets do not lower the MOS, lost audio packets do', () => {
    const videoLost = qualityFromStats(chromiumStats(11_000, oneSecondLater), chromiumStats(10_000, start));
    expect(videoLost.lossPercent).toBe(0);
    expect(videoLost.mos).toBe(4.4);
    const audioLost = qualityFromStats(chromiumStats(11_000, { ...oneSecondLater, audioReceived: start.audioReceived + 46, audioLost: start.audioLost + 4 }), chromiumStats(10_000, start));
    expect(audioLost).toMatchObject({ lossPercent: 8, videoLossPercent: 10 }); // 4 of 50 audio packets
    expect(audioLost.mos).toBe(3.7); // 8% loss costs 20 points of R
  });

  it('has no voice score, but the video figures, without audio (a shared screen in a chat)', () => {
    const screenOnly = (timestamp: number, counters: Counters) =>
      chromiumStats(timestamp, counters).filter((report) => report.kind !== 'audio');
    const sample = qualityFromStats(screenOnly(11_000, oneSecondLater), screenOnly(10_000, start));
    expect(sample).toMatchObject({ rttMs: 43, jitterMs: null, lossPercent: null, videoJitterMs: 21, videoLossPercent: 10, mos: null });
  });

  it('accepts the snapshot as a map by id, the way RTCStatsReport is', () => {
    const asMap = (reports: StatsRecord[]) => new Map(reports.map((report) => [report.id, report]));
    const fromMaps = qualityFromStats(asMap(chromiumStats(11_000, oneSecondLater)), asMap(chromiumStats(10_000, start)));
    expect(fromMaps).toEqual(qualityFromStats(chromiumStats(11_000, oneSecondLater), chromiumStats(10_000, start)));
  });

  it('keeps no address, URL, fingerprint, track id or other identifying string', () => {
    const sample = qualityFromStats(chromiumStats(11_000, oneSecondLater), chromiumStats(10_000, start));
    const kept = JSON.stringify(sample);
    for (const secret of ['203.0.113.7', '192.168.1.20', '198.51.100.23', 'turn.example.com', 'AB:CD', '5a9c1e0e', 'Xy7q', 'libvpx', 'opus']) {
      expect(kept).not.toContain(secret);
    }
    expect(Object.values(sample).filter((value) => typeof value === 'string')).toEqual(['relay', 'srflx']);
  });

  it("finds the pair Firefox marks as selected and falls back to the far end's round trip time", () => {
    const firefox: StatsRecord[] = [
      { id: 'a1', type: 'candidate-pair', timestamp: 5000, localCandidateId: 'l1', remoteCandidateId: 'r1', state: 'succeeded', nominated: true, selected: true },
      { id: 'l1', type: 'local-candidate', timestamp: 5000, address: '10.0.0.4', candidateType: 'host' },
      { id: 'in1', type: 'inbound-rtp', timestamp: 5000, kind: 'audio', jitter: 0.0305, packetsReceived: 900, packetsLost: 0, bytesReceived: 90_000 },
      { id: 'ri1', type: 'remote-inbound-rtp', timestamp: 5000, kind: 'audio', roundTripTime: 0.1206 },
    ];
    const sample = qualityFromStats(firefox, null);
    expect(sample).toMatchObject({ candidateType: 'host', rttMs: 121, jitterMs: 31, lossPercent: 0, audioLevel: null });
    expect([sample.framesPerSecond, sample.frameWidth, sample.frameHeight]).toEqual([null, null, null]);
  });

  it('counts no loss when late duplicates shrink packetsLost, and none at all when no packets came', () => {
    const recovered = { ...oneSecondLater, audioLost: start.audioLost - 3, videoLost: start.videoLost - 1 };
    expect(qualityFromStats(chromiumStats(11_000, recovered), chromiumStats(10_000, start))).toMatchObject({ lossPercent: 0, videoLossPercent: 0 });
    const silent = qualityFromStats(chromiumStats(11_000, start), chromiumStats(10_000, start));
    expect(silent.lossPercent).toBeNull();
    expect(silent.videoLossPercent).toBeNull();
    expect(silent.mos).toBeNull();
    expect(silent.inboundKbps).toBe(0);
  });

  it('says nothing of the candidate type before a pair is selected', () => {
    const gathering = chromiumStats(10_000, start).filter((report) => report.type !== 'transport' && report.id !== 'CPa1b2_c3d4');
    expect(qualityFromStats(gathering, null)).toMatchObject({ candidateType: null, remoteCandidateType: null });
  });
});

describe('the MOS estimate', () => {
  const perfect = { rttMs: 0, jitterMs: 0, lossPercent: 0 };

  it('is about 4.4 on a perfect network', () => {
    expect(mosFromNetwork(perfect)).toBeCloseTo(4.404, 3);
  });

  it('follows the simplified E-model on both sides of 160 ms effective latency', () => {
    // effective 150 ms: R = 93.2 - 150/40 - 2.5 = 86.95
    expect(mosFromNetwork({ rttMs: 200, jitterMs: 20, lossPercent: 1 })).toBeCloseTo(4.2573, 4);
    // effective 210 ms: R = 93.2 - (210 - 120)/10 = 84.2
    expect(mosFromNetwork({ rttMs: 400, jitterMs: 0, lossPercent: 0 })).toBeCloseTo(4.1724, 4);
  });

  it('is noticeably lower at 400 ms round trip and 3% loss', () => {
    const poor = mosFromNetwork({ rttMs: 400, jitterMs: 0, lossPercent: 3 });
    expect(poor).toBeLessThan(4);
    expect(mosFromNetwork(perfect) - poor).toBeGreaterThan(0.4);
  });

  it('never rises when round trip, jitter or loss grows', () => {
    const steps = Array.from({ length: 60 }, (_, i) => i);
    for (const [field, step] of [['rttMs', 25], ['jitterMs', 5], ['lossPercent', 1]] as const) {
      const scores = steps.map((i) => mosFromNetwork({ ...perfect, [field]: i * step }));
      scores.slice(1).forEach((score, i) => expect(score).toBeLessThanOrEqual(scores[i]!));
      expect(scores[10]!).toBeLessThan(scores[0]!);
    }
  });

  it('stays between 1 and 4.5, even where the curve itself dips below 1', () => {
    expect(mosFromNetwork({ rttMs: 0, jitterMs: 0, lossPercent: 36 })).toBe(1); // R ≈ 2.95, the raw curve gives 0.99
    expect(mosFromNetwork({ rttMs: 20_000, jitterMs: 500, lossPercent: 100 })).toBe(1);
    expect(mosFromNetwork({ rttMs: -1000, jitterMs: 0, lossPercent: 0 })).toBe(4.5);
  });
});

describe('quality warnings', () => {
  const measured = { lossPercent: 0, videoLossPercent: 0, rttMs: 40 };

  it('flag audio or video loss above 3% and round trips above 400 ms, not at the thresholds', () => {
    expect(qualityWarnings({ lossPercent: 3, videoLossPercent: 3, rttMs: 400 })).toEqual([]);
    expect(qualityWarnings({ ...measured, lossPercent: 3.1 })).toEqual(['high-loss']);
    expect(qualityWarnings({ ...measured, videoLossPercent: 3.1 })).toEqual(['high-video-loss']);
    expect(qualityWarnings({ ...measured, rttMs: 401 })).toEqual(['high-latency']);
    expect(qualityWarnings({ lossPercent: 12, videoLossPercent: 20, rttMs: 900 })).toEqual(['high-loss', 'high-video-loss', 'high-latency']);
  });

  it('say nothing about what is not measured yet', () => {
    expect(qualityWarnings({ lossPercent: null, videoLossPercent: null, rttMs: null })).toEqual([]);
  });
});

describe('the per-call summary', () => {
  it('averages and picks the worst MOS and loss, skipping samples that had none', () => {
    const summary = summarizeQuality(
      [sample({ mos: null, lossPercent: null }), sample({ mos: 4.4, lossPercent: 0 }), sample({ mos: 3.1, lossPercent: 6.2 }), sample({ mos: 4.3, lossPercent: 0.5 })],
      2,
    );
    expect(summary).toEqual({
      samples: 4,
      averageMos: 3.9,
      worstMos: 3.1,
      averageLossPercent: 2.2,
      worstLossPercent: 6.2,
      averageVideoLossPercent: 0,
      worstVideoLossPercent: 0,
      recentMos: 3.9,
      recentLossPercent: 2.2,
      relayUsed: false,
      peerRelayUsed: false,
      reconnects: 2,
    });
  });

  it("keeps the video's loss apart from the audio's, which the MOS counts", () => {
    const summary = summarizeQuality([sample({ lossPercent: 0, videoLossPercent: 9.5 }), sample({ lossPercent: 0.4, videoLossPercent: 1.5 }), sample({ videoLossPercent: null })]);
    expect(summary).toMatchObject({ averageLossPercent: 0.1, worstLossPercent: 0.4, averageVideoLossPercent: 5.5, worstVideoLossPercent: 9.5 });
    expect(summarizeQuality([sample({ videoLossPercent: null })])).toMatchObject({ averageVideoLossPercent: null, worstVideoLossPercent: null });
  });

  it('tells how the call is going now from its last 30 samples: a call gone bad does not look fine for a good start', () => {
    const goodStart = Array.from({ length: 90 }, () => sample({ mos: 4.4, lossPercent: 0 }));
    const badNow = Array.from({ length: recentSamples }, () => sample({ mos: 2.1, lossPercent: 12 }));
    const summary = summarizeQuality([...goodStart, ...badNow]);
    expect(summary).toMatchObject({ averageMos: 3.8, averageLossPercent: 3, recentMos: 2.1, recentLossPercent: 12 });
    const recovered = summarizeQuality([...goodStart, ...badNow, ...Array.from({ length: recentSamples }, () => sample({ mos: 4.3, lossPercent: 0.2 }))]);
    expect(recovered).toMatchObject({ worstMos: 2.1, recentMos: 4.3, recentLossPercent: 0.2 });
  });

  it("says whether any part of the call went through a relay, this side's and the other side's apart", () => {
    expect(summarizeQuality([sample({}), sample({ candidateType: 'relay' }), sample({})])).toMatchObject({ relayUsed: true, peerRelayUsed: false });
    // A direct candidate here, the other side's relay at the far end of the pair: still through TURN.
    expect(summarizeQuality([sample({}), sample({ candidateType: 'host', remoteCandidateType: 'relay' })])).toMatchObject({ relayUsed: false, peerRelayUsed: true });
  });

  it('has no scores for a call that was never sampled', () => {
    expect(summarizeQuality([])).toEqual({
      samples: 0,
      averageMos: null,
      worstMos: null,
      averageLossPercent: null,
      worstLossPercent: null,
      averageVideoLossPercent: null,
      worstVideoLossPercent: null,
      recentMos: null,
      recentLossPercent: null,
      relayUsed: false,
      peerRelayUsed: false,
      reconnects: 0,
    });
  });
});

describe('watching quality', () => {
  it('samples on every interval with rates against the previous read, survives a failed read, and stops', async () => {
    const reads = [chromiumStats(10_000, start), 'closed' as const, chromiumStats(11_000, oneSecondLater)];
    // Node has no RTCPeerConnection; this stands in for its getStats() alone.
    const connection = {
      async getStats() {
        const next = reads.shift() ?? chromiumStats(12_000, oneSecondLater);
        if (next === 'closed') throw new DOMException('The peer connection is closed.', 'InvalidStateError');
        return new Map(next.map((report) => [report.id, report])) as unknown as RTCStatsReport;
      },
    };
    const samples: QualitySample[] = [];
    const stop = watchQuality(connection, (next) => void samples.push(next), 5);

    await vi.waitFor(() => expect(samples.length).toBeGreaterThanOrEqual(2), { timeout: 2000 });
    stop();
    expect(samples[0]!.inboundKbps).toBeNull();
    expect(samples[1]!.inboundKbps).toBe(1000);
    const seen = samples.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(samples).toHaveLength(seen);
  });
});
