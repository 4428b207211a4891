// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n/i18n';
import { applyPreferencePatch, completePreferences } from './notification-section';
import { AVATAR_MAX_BYTES, avatarTypes, defaultPreferences } from './profile.api';
import { validateAvatarFile, validateName, validatePasswordChange } from './profile-validation';

const keyExists = (key: string | undefined) => key === undefined || (i18n.exists(key, { lng: 'es' }) && i18n.exists(key, { lng: 'en' })) || i18n.exists(`${key}_other`, { lng: 'es' });

describe('profile validation', () => {
  it('password change: current required, 8+ characters, different, repeated', () => {
    expect(validatePasswordChange({ currentPassword: '', newPassword: 'corta', repeatPassword: '' })).toEqual({
      currentPassword: 'validation.required',
      newPassword: 'validation.passwordLength',
    });
    expect(validatePasswordChange({ currentPassword: 'clave-actual', newPassword: 'clave-actual', repeatPassword: 'clave-actual' })).toEqual({ newPassword: 'profile.password.same' });
    expect(validatePasswordChange({ currentPassword: 'clave-actual', newPassword: 'clave-nueva-1', repeatPassword: 'clave-nueva-2' })).toEqual({ repeatPassword: 'validation.passwordsDiffer' });
    expect(validatePasswordChange({ currentPassword: 'clave-actual', newPassword: 'clave-nueva-1', repeatPassword: 'clave-nueva-1' })).toEqual({});
  });

  it('name and avatar', () => {
    expect(validateName('  ')).toBe('validation.required');
    expect(validateName('x'.repeat(121))).toBe('profile.nameTooLong');
    expect(validateName(' Ana ')).toBeUndefined();
    expect(validateAvatarFile({ type: 'image/svg+xml', size: 10 }, AVATAR_MAX_BYTES, avatarTypes)).toBe('profile.avatar.wrongType');
    expect(validateAvatarFile({ type: 'image/png', size: AVATAR_MAX_BYTES + 1 }, AVATAR_MAX_BYTES, avatarTypes)).toBe('profile.avatar.tooLarge');
    expect(validateAvatarFile({ type: 'image/webp', size: AVATAR_MAX_BYTES }, AVATAR_MAX_BYTES, avatarTypes)).toBeUndefined();
  });

  it('every message key it returns is translated', () => {
    const keys = [
      ...Object.values(validatePasswordChange({ currentPassword: '', newPassword: 'a', repeatPassword: '' })),
      ...Object.values(validatePasswordChange({ currentPassword: 'abcdefghi', newPassword: 'abcdefghi', repeatPassword: '' })),
      ...Object.values(validatePasswordChange({ currentPassword: 'abcdefghi', newPassword: 'abcdefghj', repeatPassword: '' })),
      validateName(''),
      validateName('x'.repeat(200)),
      validateAvatarFile({ type: 'text/plain', size: 1 }, 1, avatarTypes),
      validateAvatarFile({ type: 'image/png', size: 2 }, 1, avatarTypes),
      'profile.password.wrongCurrent',
    ];
    expect(keys.filter((k) => !keyExists(k))).toEqual([]);
  });
});

describe('notification preferences', () => {
  it('fills in types the server did not list', () => {
    const partial = { assigned: { inApp: false, browser: false, sound: false } };
    const full = completePreferences(partial);
    expect(full.assigned).toEqual({ inApp: false, browser: false, sound: false });
    expect(full.mentioned).toEqual(defaultPreferences.mentioned);
    expect(Object.keys(full)).toEqual(['assigned', 'mentioned', 'new_message']);
  });

  it('shows a change being saved on top of the saved ones', () => {
    const changed = applyPreferencePatch(defaultPreferences, { mentioned: { sound: false } });
    expect(changed.mentioned).toEqual({ inApp: true, browser: true, sound: false });
    expect(changed.assigned).toEqual(defaultPreferences.assigned);
    expect(applyPreferencePatch(defaultPreferences, undefined)).toBe(defaultPreferences);
  });
});
