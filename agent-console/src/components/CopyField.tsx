import { useState } from 'preact/hooks';

/**
 * A read-only value with a Copy button, for things shown once (an invite link, a new widget key).
 * @example <CopyField id="invite-url" label="Invite link" value={url} />
 */
export function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  const [copied, setCopied] = useState<string>('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('Copied.');
    } catch {
      // Clipboard access needs a secure page; the field is selected so the agent can copy it themselves.
      (document.getElementById(id) as HTMLInputElement | null)?.select();
      setCopied('Could not copy; the text is selected, copy it with your keyboard.');
    }
  };
  return (
    <div class="copy-field">
      <label for={id}>{label}</label>
      <input id={id} readOnly value={value} onFocus={(e) => e.currentTarget.select()} />
      <button type="button" onClick={() => void copy()}>
        Copy
      </button>
      <span role="status">{copied}</span>
    </div>
  );
}
