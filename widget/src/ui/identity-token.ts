// The customer a page names with its identity token, read without checking
// the token's signature (only the server can): enough to tell that the page no
// longer names the customer a conversation was started as, and so to end it;
// never a reason to let anyone in.

/**
 * The customer id an identity token names: its `sub`, trimmed as the server
 * takes it; null for no token, or one that is not a JWT with a `sub`.
 * @example customerNamedBy('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjXzQyIn0.c2ln') // 'c_42'
 */
export function customerNamedBy(token: string | null): string | null {
  try {
    // atob gives the UTF-8 bytes one per character; escape and decodeURIComponent make them text again, in fewer bytes than a TextDecoder.
    const { sub } = JSON.parse(decodeURIComponent(escape(atob(token!.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))))) as { sub?: unknown };
    return typeof sub === 'string' ? sub.trim() : null;
  } catch {
    return null;
  }
}
