import { describe, expect, it } from 'vitest';
import { twilioSignature, twilioSignatureMatches } from './twilio-signature.js';

// The worked example of Twilio's "Validating requests" documentation (two published versions of it).
const URL_ = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const TOKEN = '12345';
const params = (caller: string): Array<[string, string]> => [['CallSid', 'CA1234567890ABCDE'], ['Caller', caller], ['Digits', '1234'], ['From', caller], ['To', '+18005551212']];
const form = (caller: string) => Buffer.from(new URLSearchParams(params(caller)).toString());

describe('X-Twilio-Signature', () => {
  it('matches both versions of Twilio\'s documented example', () => {
    expect(twilioSignature(TOKEN, URL_, params('+12349013030'))).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
    expect(twilioSignature(TOKEN, URL_, params('+14158675310'))).toBe('GvWf1cFY/Q7PnoempGyD5oXAezc=');
  });

  it('verifies on the raw form body, whatever the order of its parameters', () => {
    const reversed = Buffer.from(new URLSearchParams(params('+14158675310').reverse()).toString());
    expect(twilioSignatureMatches(TOKEN, URL_, reversed, 'GvWf1cFY/Q7PnoempGyD5oXAezc=')).toBe(true);
    expect(twilioSignatureMatches(TOKEN, URL_, form('+14158675310'), 'GvWf1cFY/Q7PnoempGyD5oXAezc=')).toBe(true);
  });

  it('refuses another URL, another token, a changed parameter or garbage', () => {
    const good = 'GvWf1cFY/Q7PnoempGyD5oXAezc=';
    expect(twilioSignatureMatches(TOKEN, 'http://mycompany.com/myapp.php?foo=1&bar=2', form('+14158675310'), good)).toBe(false);
    expect(twilioSignatureMatches('54321', URL_, form('+14158675310'), good)).toBe(false);
    expect(twilioSignatureMatches(TOKEN, URL_, form('+14158675311'), good)).toBe(false);
    expect(twilioSignatureMatches(TOKEN, URL_, form('+14158675310'), 'not base64 at all')).toBe(false);
  });

  it('accepts the URL with the default port written out or left off, as Twilio\'s libraries do', () => {
    const sig = twilioSignature(TOKEN, 'https://mycompany.com:443/myapp.php?foo=1&bar=2', params('+14158675310'));
    expect(twilioSignatureMatches(TOKEN, URL_, form('+14158675310'), sig)).toBe(true);
    const other = twilioSignature(TOKEN, 'https://mycompany.com:8443/myapp.php?foo=1&bar=2', params('+14158675310'));
    expect(twilioSignatureMatches(TOKEN, URL_, form('+14158675310'), other)).toBe(false);
  });

  it('signs characters outside ASCII as UTF-8 (a Spanish SMS)', () => {
    const body: Array<[string, string]> = [['Body', '¿Tienen envío a Málaga? 🚚'], ['From', '+34600111222']];
    const sig = twilioSignature(TOKEN, URL_, body);
    expect(twilioSignatureMatches(TOKEN, URL_, Buffer.from(new URLSearchParams(body).toString()), sig)).toBe(true);
  });
});
