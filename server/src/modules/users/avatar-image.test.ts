import { describe, expect, it } from 'vitest';
import { avatarContentType, sniffAvatar } from './avatar-image.js';

const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const jpeg = Buffer.from('ffd8ffe000104a464946', 'hex');
const gif = Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1');
const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);

describe('avatar images', () => {
  it('recognises PNG, JPEG, GIF and WebP by their bytes', () => {
    expect(sniffAvatar(png)).toEqual({ type: 'image/png', ext: 'png' });
    expect(sniffAvatar(jpeg)).toEqual({ type: 'image/jpeg', ext: 'jpg' });
    expect(sniffAvatar(gif)).toEqual({ type: 'image/gif', ext: 'gif' });
    expect(sniffAvatar(webp)).toEqual({ type: 'image/webp', ext: 'webp' });
  });

  it('refuses anything else, including SVG and HTML dressed as images', () => {
    expect(sniffAvatar(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeNull();
    expect(sniffAvatar(Buffer.from('<html><body>hi</body></html>'))).toBeNull();
    expect(sniffAvatar(Buffer.from('RIFF\x00\x00\x00\x00WAVEfmt ', 'latin1'))).toBeNull();
    expect(sniffAvatar(Buffer.alloc(0))).toBeNull();
  });

  it('serves a stored avatar with the type of its extension only', () => {
    expect(avatarContentType('3/2026-01/uuid-avatar-7.webp')).toBe('image/webp');
    expect(avatarContentType('3/2026-01/uuid-avatar-7.jpg')).toBe('image/jpeg');
    expect(avatarContentType('3/2026-01/uuid-avatar-7.svg')).toBeNull();
  });
});
