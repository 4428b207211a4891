import { useMe } from '../../app/auth';

/** Owners and admins manage settings; everyone else reads them (and manages their own snippets). */
export function useSettingsAccess() {
  const { data: me } = useMe();
  const role = me?.role;
  return {
    me: me ?? null,
    isAdmin: role === 'owner' || role === 'admin',
    isOwner: role === 'owner',
  };
}
