import { describe, expect, it, vi } from 'vitest';
import { followDevices, groupDevices, type LocalDevicesEvent } from './devices.ts';
import { fakeDevices, fakeMediaStream, fakeTrack } from './testing.ts';

const deskMic = { kind: 'audioinput', deviceId: 'desk-mic', label: 'Desk mic' } as const;
const headset = { kind: 'audioinput', deviceId: 'headset', label: 'Headset' } as const;
const webcam = { kind: 'videoinput', deviceId: 'webcam', label: 'Webcam' } as const;
const documentCamera = { kind: 'videoinput', deviceId: 'doc-cam', label: 'Document camera' } as const;

function follow(devices: Parameters<typeof fakeDevices>[0], tracks = [fakeTrack('audio', 'desk-mic'), fakeTrack('video', 'webcam')]) {
  const fake = fakeDevices(devices);
  const stream = fakeMediaStream(tracks);
  const followed = followDevices(stream, fake.access);
  const events: LocalDevicesEvent[] = [];
  followed.on((event) => void events.push(event));
  const lastChoices = () => events.findLast((event) => event.type === 'choices')?.choices;
  return { fake, stream, tracks, followed, events, lastChoices };
}

describe('the devices of a call', () => {
  it('lists microphones and cameras, naming unlabelled ones, and says which the stream uses', async () => {
    const { lastChoices } = follow([deskMic, headset, webcam, { kind: 'audiooutput', deviceId: 'speakers', label: 'Speakers' }]);
    await vi.waitFor(() => expect(lastChoices()).toBeDefined());
    expect(lastChoices()).toEqual({
      microphones: [{ id: 'desk-mic', label: 'Desk mic' }, { id: 'headset', label: 'Headset' }],
      cameras: [{ id: 'webcam', label: 'Webcam' }],
      microphone: 'desk-mic',
      camera: 'webcam',
    });
    expect(groupDevices([{ kind: 'videoinput', deviceId: 'c1', label: '' }, { kind: 'audioinput', deviceId: '', label: '' }])).toEqual({
      microphones: [],
      cameras: [{ id: 'c1', label: 'Camera 1' }],
    });
  });

  it('switches to the chosen camera: the new track takes the old one’s place, still turned off, and the old one stops', async () => {
    const { stream, tracks, followed, events, fake, lastChoices } = follow([deskMic, webcam, documentCamera]);
    const [, camera] = tracks;
    camera!.enabled = false;
    await followed.choose('video', 'doc-cam');

    const [chosen] = fake.captured;
    expect(stream.getVideoTracks()).toEqual([chosen]);
    expect(chosen!.enabled).toBe(false);
    expect(camera!.readyState).toBe('ended');
    expect(events).toContainEqual({ type: 'track', track: chosen });
    expect(lastChoices()).toMatchObject({ camera: 'doc-cam', microphone: 'desk-mic' });
  });

  it('keeps the old device when the chosen one cannot be captured', async () => {
    const { stream, tracks, followed } = follow([deskMic, webcam]);
    await expect(followed.choose('audio', 'gone')).rejects.toMatchObject({ name: 'NotFoundError' });
    expect(stream.getTracks()).toEqual(tracks);
    expect(tracks.every((track) => track.readyState === 'live')).toBe(true);
  });

  it('falls back to the default microphone when the one in use is unplugged', async () => {
    const { stream, tracks, events, fake, lastChoices } = follow([deskMic, headset, webcam], [fakeTrack('audio', 'headset'), fakeTrack('video', 'webcam')]);
    const [headsetTrack] = tracks;
    headsetTrack!.enabled = false;
    fake.devices.splice(1, 1);
    headsetTrack!.unplug();

    await vi.waitFor(() => expect(lastChoices()?.microphone).toBe('desk-mic'));
    const [fallback] = fake.captured;
    expect(stream.getAudioTracks()).toEqual([fallback]);
    // Muted before, muted after: the visitor is not suddenly heard.
    expect(fallback!.enabled).toBe(false);
    expect(events).toContainEqual({ type: 'track', track: fallback });
    expect(events.some((event) => event.type === 'lost')).toBe(false);

    // The fallback is followed too.
    fake.devices.splice(0, 1, { ...headset });
    fallback!.unplug();
    await vi.waitFor(() => expect(lastChoices()?.microphone).toBe('headset'));
  });

  it('says the camera is lost when no other can take its place, and keeps the rest of the call', async () => {
    const { stream, tracks, events, fake, lastChoices } = follow([deskMic, webcam]);
    const [microphone, camera] = tracks;
    fake.devices.splice(1, 1);
    camera!.unplug();

    await vi.waitFor(() => expect(events).toContainEqual({ type: 'lost', kind: 'video' }));
    await vi.waitFor(() => expect(lastChoices()).toMatchObject({ cameras: [], camera: null, microphone: 'desk-mic' }));
    expect(microphone!.readyState).toBe('live');
    expect(stream.getAudioTracks()).toEqual([microphone]);
  });

  it('re-reads the lists when devices change, and stops following once closed', async () => {
    const { followed, fake, lastChoices, events, tracks } = follow([deskMic, webcam]);
    await vi.waitFor(() => expect(lastChoices()).toBeDefined());
    fake.devices.push(headset);
    fake.announceChange();
    await vi.waitFor(() => expect(lastChoices()?.microphones).toHaveLength(2));

    followed.close();
    const seen = events.length;
    fake.announceChange();
    tracks[0]!.unplug();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toHaveLength(seen);
    expect(fake.captured).toEqual([]);
  });
});
