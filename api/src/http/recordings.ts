// Call recordings over HTTP. The agent's console, with its conversation
// token, begins a recording and sends it in parts as it records; agents play
// the recordings of the tenant's contacts from History.
import { recordingLimits, type RecordingsResponse, type RecordingStarted } from '@beckon/protocol';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Actors } from '../actors/host.ts';
import type { Tokens } from '../auth/tokens.ts';
import { ApiError } from './api-error.ts';
import { bearer } from './request.ts';
import type { StaffEnv } from './roles.ts';

/** The path of a recording's part, whose body may be larger than other requests'. */
export const recordingPartPath = /^\/v1\/conversations\/[^/]+\/recordings\/[^/]+\/parts\/[^/]+$/;

const number = (value: string, name: string, min: number) => {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < min) throw new ApiError(400, 'bad_request', `${name} must be an integer from ${min}`);
  return parsed;
};

/**
 * The recording routes, to be mounted at `/v1`; `anyAgent` lets signed-in agents of a tenant through.
 * @example app.route('/v1', recordingRoutes({ actors, tokens, anyAgent }));
 */
export function recordingRoutes({ actors, tokens, anyAgent }: { actors: Actors; tokens: Tokens; anyAgent: MiddlewareHandler<StaffEnv> }): Hono<StaffEnv> {
  const routes = new Hono<StaffEnv>();

  // Only the agent in the call records it, with the token they have it by.
  const callAgent = async (c: Context) => {
    const claims = await bearer(c, tokens, 'conversation');
    if (claims.conversationId !== c.req.param('id') || claims.participant !== 'agent') {
      throw new ApiError(403, 'forbidden', 'Only the agent of this call can record it.');
    }
    return { conversation: actors.conversation(claims.conversationId), agentId: claims.participantId };
  };

  routes.post('/conversations/:id/recordings', async (c) => {
    const { conversation, agentId } = await callAgent(c);
    const segment = await conversation.beginRecording(agentId);
    if (segment === 'not_recorded') throw new ApiError(409, 'conflict', 'This team does not record calls: an admin turns it on in Settings.');
    if (segment === 'conflict') throw new ApiError(409, 'conflict', 'There is no call with sound under way to record.');
    if (segment === 'too_many') throw new ApiError(409, 'conflict', `A call keeps at most ${recordingLimits.maxPerCall} recordings.`);
    return c.json({ segment } satisfies RecordingStarted, 201);
  });

  routes.put(
    '/conversations/:id/recordings/:segment/parts/:part',
    bodyLimit({
      maxSize: recordingLimits.maxPartBytes,
      onError: () => {
        throw new ApiError(413, 'body_too_large', `A recording's parts are limited to ${recordingLimits.maxPartBytes} bytes.`);
      },
    }),
    async (c) => {
      const { conversation, agentId } = await callAgent(c);
      const segment = number(c.req.param('segment'), 'segment', 1);
      const part = number(c.req.param('part'), 'part', 0);
      const data = new Uint8Array(await c.req.arrayBuffer());
      if (!data.length) throw new ApiError(400, 'bad_request', 'A part carries some of the recording.');
      const result = await conversation.addRecordingPart(agentId, segment, part, data);
      if (result === 'not_found') throw new ApiError(404, 'not_found', 'No such recording of yours in this call.');
      if (result === 'out_of_order') throw new ApiError(409, 'conflict', `Part ${part} is ahead of the parts received; send the ones before it first.`);
      if (result === 'too_large') throw new ApiError(413, 'body_too_large', `A call's recordings are limited to ${recordingLimits.maxCallBytes} bytes.`);
      if (result === 'conflict') throw new ApiError(409, 'conflict', 'The call is over: its recording is complete.');
      return c.body(null, 204);
    },
  );

  routes.get('/contacts/:id/recordings', anyAgent, async (c) => {
    const recordings = await actors.switchboard(c.get('staff').tenantId).contactRecordings(c.req.param('id'));
    if (!recordings) throw new ApiError(404, 'not_found', 'No such contact.');
    return c.json({ recordings } satisfies RecordingsResponse);
  });

  routes.get('/contacts/:id/recordings/:segment', anyAgent, async (c) => {
    const segment = number(c.req.param('segment'), 'segment', 1);
    const file = await actors.switchboard(c.get('staff').tenantId).contactRecordingFile(c.req.param('id'), segment);
    if (!file) throw new ApiError(404, 'not_found', 'No such recording.');
    const bytes = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
    return c.body(bytes, 200, { 'Content-Type': 'audio/webm', 'Cache-Control': 'private, no-store' });
  });

  return routes;
}
