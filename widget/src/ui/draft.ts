// What the visitor is writing and has not sent, kept in this tab's
// sessionStorage so that closing the panel or reloading the page does not
// lose it. Another tab starts with an empty box, as a new page would.

const draftKey = 'beckon.draft';

/**
 * The draft kept in this tab, or '' when there is none or storage is blocked.
 * @example const [draft, setDraft] = useState(keptDraft);
 */
export function keptDraft(): string {
  try {
    return sessionStorage.getItem(draftKey) ?? '';
  } catch {
    return '';
  }
}

/**
 * Keeps the draft; an empty one (sent, or cleared) is forgotten.
 * @example keepDraft(textarea.value);
 */
export function keepDraft(text: string): void {
  try {
    if (text) sessionStorage.setItem(draftKey, text);
    else sessionStorage.removeItem(draftKey);
  } catch {
    // Storage blocked (a sandboxed frame, a full quota): the draft lives as long as the panel.
  }
}
