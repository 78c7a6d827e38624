// Captions of the agent's voice, made on the visitor's device.
import { captionsOf } from '@beckon/ui';
import { computed } from 'nanostores';
import { $media } from './media.ts';

/** On while the visitor wants them; off with the call. */
export const agentCaptions = captionsOf(computed($media, (media) => media.remote?.getAudioTracks()[0] ?? null));
