import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, signedHeaders } from './signing.ts';

describe('webhook signatures', () => {
  const body = '{"type":"survey.submitted","data":{"rating":4,"comment":"Grüße ✓"}}';

  it('is the HMAC-SHA256 of timestamp.body that any HMAC library computes', async () => {
    const expected = createHmac('sha256', 'whsec_test').update(`1700000000.${body}`).digest('hex');
    expect(await signWebhook('whsec_test', 1700000000, body)).toBe(expected);
  });

  it('changes with the secret, the timestamp and the body', async () => {
    const signature = await signWebhook('whsec_test', 1700000000, body);
    expect(await signWebhook('whsec_other', 1700000000, body)).not.toBe(signature);
    expect(await signWebhook('whsec_test', 1700000001, body)).not.toBe(signature);
    expect(await signWebhook('whsec_test', 1700000000, body.replace('4', '5'))).not.toBe(signature);
  });

  it('sends the timestamp in Unix seconds and the signature as v1=<hex>', async () => {
    const headers = await signedHeaders('whsec_test', body, 1_700_000_000_999);
    expect(headers['Beckon-Timestamp']).toBe('1700000000');
    expect(headers['Beckon-Signature']).toBe(`v1=${createHmac('sha256', 'whsec_test').update(`1700000000.${body}`).digest('hex')}`);
  });
});
