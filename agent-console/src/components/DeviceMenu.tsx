import type { Media } from '@beckon/protocol';
import type { DeviceKind, DeviceOption } from '@beckon/rtc';
import { useStore } from '@beckon/ui';
import { $devices, switchDevice } from '../stores/devices.ts';

function DeviceSelect({ label, kind, devices, inUse }: { label: string; kind: DeviceKind; devices: DeviceOption[]; inUse: string | null }) {
  return (
    <label>
      {label}
      <select value={inUse ?? ''} onChange={(event) => void switchDevice(kind, event.currentTarget.value)}>
        {inUse === null && <option value="">None working</option>}
        {devices.map((device) => (
          <option key={device.id} value={device.id}>
            {device.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The agent's microphone and camera for the live call, and why one is missing.
 * @example <DeviceMenu media="video" />
 */
export function DeviceMenu({ media }: { media: Media }) {
  const { microphones, cameras, microphone, camera, problem } = useStore($devices);
  return (
    <fieldset class="devices">
      <legend>Devices</legend>
      <DeviceSelect label="Microphone" kind="audio" devices={microphones} inUse={microphone} />
      {media === 'video' && <DeviceSelect label="Camera" kind="video" devices={cameras} inUse={camera} />}
      <p role="alert" class="device-problem">
        {problem}
      </p>
    </fieldset>
  );
}
