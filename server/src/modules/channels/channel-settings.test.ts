import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import { channelTypeSettings, parseChannelConfig, parseChannelSecrets, settingsFor } from './channel-settings.js';

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected an error');
}

describe('api channel settings', () => {
  it('accepts an http(s) outbound URL and an optional timeout', () => {
    expect(parseChannelConfig('api', { outboundUrl: 'https://example.com/hook', outboundTimeoutMs: 5000 })).toEqual({ outboundUrl: 'https://example.com/hook', outboundTimeoutMs: 5000 });
    expect(parseChannelConfig('api', { outboundUrl: 'http://localhost:8080/x' })).toEqual({ outboundUrl: 'http://localhost:8080/x' });
  });

  it.each([
    [{}, 'body.config.outboundUrl'],
    [{ outboundUrl: 'ftp://example.com' }, 'body.config.outboundUrl'],
    [{ outboundUrl: 'not a url' }, 'body.config.outboundUrl'],
    [{ outboundUrl: 'https://example.com', outboundTimeoutMs: 5 }, 'body.config.outboundTimeoutMs'],
  ])('refuses %j naming %s', (config, field) => {
    const err = errorOf(() => parseChannelConfig('api', config));
    expect(err.status).toBe(400);
    expect((err.details as Array<{ field: string }>)[0].field).toBe(field);
    expect(err.message).toContain(field);
  });

  it('refuses unknown config keys (they would be stored and returned forever)', () => {
    expect(errorOf(() => parseChannelConfig('api', { outboundUrl: 'https://example.com', token: 'x' })).status).toBe(400);
  });

  it('generates a strong hmac secret and validates given ones without echoing them', () => {
    const generated = channelTypeSettings.api.generateSecrets();
    expect(generated.hmacSecret.length).toBeGreaterThanOrEqual(40);
    expect(channelTypeSettings.api.generateSecrets().hmacSecret).not.toBe(generated.hmacSecret);
    const err = errorOf(() => parseChannelSecrets('api', { hmacSecret: 'short-secret' }));
    expect((err.details as Array<{ field: string }>)[0].field).toBe('body.secrets.hmacSecret');
    expect(JSON.stringify({ message: err.message, details: err.details })).not.toContain('short-secret');
  });

  it('names body.type for an unknown type', () => {
    expect(errorOf(() => settingsFor('carrier-pigeon')).message).toContain('body.type');
  });
});

describe('telegram channel settings', () => {
  it('needs the bot token from @BotFather and generates the webhook secret token in Telegram\'s charset', () => {
    const generated = channelTypeSettings.telegram.generateSecrets();
    expect(generated.secretToken).toMatch(/^[A-Za-z0-9_-]{40,256}$/);
    expect(parseChannelSecrets('telegram', { ...generated, botToken: '7012345678:AAHfakeTelegramBotTokenForTests_0123' })).toMatchObject({ secretToken: generated.secretToken });
    const err = errorOf(() => parseChannelSecrets('telegram', { ...generated, botToken: 'not-a-token' }));
    expect((err.details as Array<{ field: string }>)[0].field).toBe('body.secrets.botToken');
    expect(JSON.stringify(err.details)).not.toContain('not-a-token');
    expect(errorOf(() => parseChannelSecrets('telegram', generated)).status).toBe(400);
  });

  it('accepts an optional bot username without @', () => {
    expect(parseChannelConfig('telegram', {})).toEqual({});
    expect(parseChannelConfig('telegram', { botUsername: 'atiende_bot' })).toEqual({ botUsername: 'atiende_bot' });
    expect(errorOf(() => parseChannelConfig('telegram', { botUsername: '@atiende_bot' })).status).toBe(400);
  });
});
