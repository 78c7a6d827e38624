// Webhook signatures: HMAC-SHA256 over `${timestamp}.${body}` with the
// endpoint's secret, so a receiver can check both origin and freshness.

/** The headers every webhook request carries besides its JSON body. */
export const webhookHeaders = { timestamp: 'Beckon-Timestamp', signature: 'Beckon-Signature' } as const;

/**
 * The hex HMAC-SHA256 of `${timestamp}.${body}` under `secret`.
 * @example await signWebhook('whsec_test', 1700000000, '{"type":"contact.created"}') // '5f1c…'
 */
export async function signWebhook(secret: string, timestamp: number, body: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`${timestamp}.${body}`));
  return [...new Uint8Array(mac)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The headers of one attempt: the time it was sent (Unix seconds) and `v1=<hex signature>`.
 * @example await signedHeaders('whsec_test', body, Date.now()) // { 'Beckon-Timestamp': '1700000000', 'Beckon-Signature': 'v1=5f1c…', … }
 */
export async function signedHeaders(secret: string, body: string, now: number): Promise<Record<string, string>> {
  const timestamp = Math.floor(now / 1000);
  return {
    'Content-Type': 'application/json',
    [webhookHeaders.timestamp]: String(timestamp),
    [webhookHeaders.signature]: `v1=${await signWebhook(secret, timestamp, body)}`,
  };
}
