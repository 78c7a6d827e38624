// In a relay-only conversation neither side may learn the other's address.
// Browsers are told to gather relay candidates only, but a client that
// ignores the policy (an old or altered one) must not leak its address
// either: the server drops every candidate that is not a TURN relay, and
// every address a relay candidate or a description names besides the relay's.
import type { Signal } from '@beckon/protocol';

/**
 * Whether an ICE candidate line (with or without `a=` and `candidate:`) is a
 * TURN relay candidate. The empty end-of-candidates line carries no address
 * and passes too.
 * @example isRelayCandidate('candidate:1 1 udp 41885439 203.0.113.7 50000 typ relay raddr 0.0.0.0 rport 0') // true
 */
export function isRelayCandidate(line: string): boolean {
  const candidate = line.trim().replace(/^a=/, '').replace(/^candidate:/i, '');
  if (!candidate) return true;
  // foundation component transport priority address port "typ" type …
  const fields = candidate.split(/\s+/);
  return fields[6]?.toLowerCase() === 'typ' && fields[7]?.toLowerCase() === 'relay';
}

// A relay candidate's raddr is the address the relay was allocated for: the
// browser's own public address, unless the browser was told to use the relay
// only. The other side never needs it.
function hideRelatedAddress(line: string): string {
  return line.replace(/ raddr \S+ rport \d+/, ' raddr 0.0.0.0 rport 0');
}

// c= and a=rtcp name the browser's default address, which is not the relay's
// unless it was told to use the relay only; with ICE nothing reads them.
function hideDefaultAddress(line: string): string {
  if (line.startsWith('c=')) return line.replace(/^c=IN IP[46] \S+/, 'c=IN IP4 0.0.0.0');
  if (line.startsWith('a=rtcp:')) return line.replace(/^(a=rtcp:\d+) IN IP[46] \S+/, '$1 IN IP4 0.0.0.0');
  return line;
}

/**
 * A signal as a relay-only conversation relays it: a candidate that is not a
 * relay is dropped (null), a relay candidate loses its related address, and a
 * description loses its non-relay `a=candidate` lines and its default addresses.
 * @example relayOnlySignal({ candidate: { candidate: 'candidate:1 1 udp 2122260223 192.0.2.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: null } }) // null
 */
export function relayOnlySignal(signal: Signal): Signal | null {
  if ('candidate' in signal) {
    return isRelayCandidate(signal.candidate.candidate) ? { candidate: { ...signal.candidate, candidate: hideRelatedAddress(signal.candidate.candidate) } } : null;
  }
  const lines = signal.description.sdp.split(/(?<=\n)/);
  const kept = lines
    .filter((line) => !line.startsWith('a=candidate:') || isRelayCandidate(line))
    .map((line) => (line.startsWith('a=candidate:') ? hideRelatedAddress(line) : hideDefaultAddress(line)));
  return { description: { ...signal.description, sdp: kept.join('') } };
}
