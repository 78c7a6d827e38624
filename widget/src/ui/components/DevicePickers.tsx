import type { Media } from '@beckon/protocol';
import type { DeviceKind, DeviceOption } from '@beckon/rtc';
import { useStore } from '@beckon/ui';
import { $devices, chooseDevice } from '../stores/devices.ts';

function Picker({ label, kind, options, value }: { label: string; kind: DeviceKind; options: DeviceOption[]; value: string | null }) {
  return (
    <label class="picker">
      {label}
      <select value={value ?? ''} onChange={(event) => void chooseDevice(kind, event.currentTarget.value)}>
        {value === null && <option value="">None</option>}
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The microphone picker and, for a video call, the camera picker.
 * @example <DevicePickers media="video" />
 */
export function DevicePickers({ media }: { media: Media }) {
  const { microphones, cameras, microphone, camera } = useStore($devices);
  return (
    <>
      <Picker label="Microphone" kind="audio" options={microphones} value={microphone} />
      {media === 'video' && <Picker label="Camera" kind="video" options={cameras} value={camera} />}
    </>
  );
}

/**
 * What went wrong with a device, e.g. "Your microphone was disconnected"; always
 * present, so assistive technology is listening before a problem appears.
 * @example <DeviceProblem />
 */
export function DeviceProblem() {
  const { problem } = useStore($devices);
  return (
    <p class="hint" role="alert">
      {problem ?? ''}
    </p>
  );
}
