/**
 * An Admin form's buttons: the one that submits it, and Cancel for a form
 * opened to change something (`onCancel`).
 * @example <FormActions submit="Save" onCancel={onDone} />
 */
export function FormActions({ submit, onCancel }: { submit: string; onCancel?: () => void }) {
  return (
    <div class="actions">
      <button type="submit">{submit}</button>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
