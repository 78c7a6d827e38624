import { useStore } from '@beckon/ui';
import { settingBounds, type TenantSettings } from '@beckon/protocol';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { $settingsAction, $tenantSettings, loadSettings, saveSettings } from '../stores/tenant-settings.ts';
import { ActionLine } from './ActionLine.tsx';

const mebibyte = 1024 * 1024;

/**
 * The tenant's settings form.
 * @example <AdminSettings />
 */
export function AdminSettings() {
  const { settings, loading, error } = useStore($tenantSettings);
  const action = useStore($settingsAction);
  // Which of the form's controls had the focus when it was sent: the saved settings make the form anew, that control with it.
  const focusedAt = useRef<number | null>(null);
  return (
    <section class="history" aria-labelledby="settings-title">
      <div class="history-head">
        <h2 id="settings-title">Settings</h2>
        {/* Not disabled while loading: a disabled button drops the focus to the page, and a screen reader with it. */}
        <button type="button" aria-disabled={loading ? 'true' : undefined} onClick={() => !loading && void loadSettings()}>
          Refresh
        </button>
      </div>
      {error && <p role="alert" class="error">{error}</p>}
      <ActionLine state={action} />
      {settings && <SettingsForm key={JSON.stringify(settings)} settings={settings} pending={action.pending} focusedAt={focusedAt} />}
    </section>
  );
}

function SettingsForm({ settings, pending, focusedAt }: { settings: TenantSettings; pending: boolean; focusedAt: { current: number | null } }) {
  const [relayOnly, setRelayOnly] = useState(settings.relayOnly);
  const [recordCalls, setRecordCalls] = useState(settings.recordCalls);
  const [wrapUp, setWrapUp] = useState(String(settings.wrapUpSeconds));
  const [ring, setRing] = useState(String(settings.ringTimeoutSeconds));
  const [fileMegabytes, setFileMegabytes] = useState(String(Math.round(settings.maxFileBytes / mebibyte)));
  const [keepDays, setKeepDays] = useState(settings.keepContactsDays === null ? '' : String(settings.keepContactsDays));
  const [reasons, setReasons] = useState(settings.wrapUpReasons.join('\n'));
  const form = useRef<HTMLFormElement>(null);
  useLayoutEffect(() => {
    const control = focusedAt.current === null ? null : form.current?.elements[focusedAt.current];
    if (control instanceof HTMLElement && document.activeElement === document.body) control.focus();
    focusedAt.current = null;
  }, []);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (pending) return;
    const focused = [...(form.current?.elements ?? [])].indexOf(document.activeElement!);
    focusedAt.current = focused < 0 ? null : focused;
    // A size the form shows rounded stays as it was unless it was edited.
    const maxFileBytes = Number(fileMegabytes) === Math.round(settings.maxFileBytes / mebibyte) ? settings.maxFileBytes : Number(fileMegabytes) * mebibyte;
    const keepContactsDays = keepDays.trim() === '' ? null : Number(keepDays);
    const wrapUpReasons = reasons.split('\n').map((reason) => reason.trim()).filter(Boolean);
    void saveSettings({ relayOnly, recordCalls, wrapUpSeconds: Number(wrapUp), ringTimeoutSeconds: Number(ring), maxFileBytes, keepContactsDays, wrapUpReasons });
  };
  return (
    <form ref={form} class="admin-form" aria-label="Settings" onSubmit={submit}>
      <label class="check">
        <input type="checkbox" checked={relayOnly} onChange={(e) => setRelayOnly(e.currentTarget.checked)} />
        Relay-only calls (neither side learns the other's IP address; needs a TURN server)
      </label>
      <label class="check">
        <input type="checkbox" checked={recordCalls} onChange={(e) => setRecordCalls(e.currentTarget.checked)} />
        Record the sound of calls (the visitor is told; kept with the contact, and deleted with it)
      </label>
      <label for="setting-wrap-up">Wrap-up time after a call, in seconds (0: none)</label>
      <input id="setting-wrap-up" type="number" step="any" required {...settingBounds.wrapUpSeconds} value={wrapUp} onInput={(e) => setWrapUp(e.currentTarget.value)} />
      <label for="setting-ring">Ring time before a call goes to someone else, in seconds</label>
      <input id="setting-ring" type="number" step="any" required {...settingBounds.ringTimeoutSeconds} value={ring} onInput={(e) => setRing(e.currentTarget.value)} />
      <label for="setting-file">Largest file in a call, in MiB</label>
      <input id="setting-file" type="number" required min={1} max={settingBounds.maxFileBytes.max / mebibyte} value={fileMegabytes} onInput={(e) => setFileMegabytes(e.currentTarget.value)} />
      <label for="setting-keep">Keep ended contacts and their transcripts for, in days (empty: for good)</label>
      <input id="setting-keep" type="number" {...settingBounds.keepContactsDays} value={keepDays} onInput={(e) => setKeepDays(e.currentTarget.value)} />
      <label for="setting-reasons">Wrap-up reasons agents choose from, one per line (empty: none), such as Billing or Delivery</label>
      <textarea id="setting-reasons" rows={4} value={reasons} onInput={(e) => setReasons(e.currentTarget.value)} />
      <div class="actions">
        <button type="submit" aria-disabled={pending ? 'true' : undefined}>
          Save settings
        </button>
      </div>
    </form>
  );
}
