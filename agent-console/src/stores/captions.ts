// Captions of the visitor's voice in the agent's call, made on the agent's device.
import { captionsOf } from '@beckon/ui';
import { computed } from 'nanostores';
import { $callHolder } from './conversations.ts';

/** On while the agent wants them; off when the call ends. */
export const visitorCaptions = captionsOf(computed($callHolder, (call) => call?.remoteStream?.getAudioTracks()[0] ?? null));
