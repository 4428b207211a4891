import { MIN_PASSWORD_LENGTH, type FieldErrors } from '../auth/validation';

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
  repeatPassword: string;
}

/** Translation keys (with their values) of what is wrong in a password change, before asking the server. */
export function validatePasswordChange(form: PasswordChange): FieldErrors<keyof PasswordChange> {
  const errors: FieldErrors<keyof PasswordChange> = {};
  if (!form.currentPassword) errors.currentPassword = 'validation.required';
  if (form.newPassword.length < MIN_PASSWORD_LENGTH) errors.newPassword = 'validation.passwordLength';
  else if (form.newPassword === form.currentPassword) errors.newPassword = 'profile.password.same';
  if (!errors.newPassword && form.repeatPassword !== form.newPassword) errors.repeatPassword = 'validation.passwordsDiffer';
  return errors;
}

export function validateName(name: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return 'validation.required';
  if (trimmed.length > 120) return 'profile.nameTooLong';
  return undefined;
}

export function validateAvatarFile(file: { type: string; size: number }, maxBytes: number, types: string[]): string | undefined {
  if (!types.includes(file.type)) return 'profile.avatar.wrongType';
  if (file.size > maxBytes) return 'profile.avatar.tooLarge';
  return undefined;
}
