import { api } from '../../app/api-client';

export interface SetupInput {
  workspaceName: string;
  name: string;
  email: string;
  password: string;
  language: string;
  timezone: string;
}

export interface DemoCredentials {
  email: string;
  password: string;
  /** The demo's other people (agents, a supervisor): same password. */
  otherUsers?: string[];
}

export interface InvitationLookup {
  workspaceName: string;
  email: string;
  name: string | null;
  /** The address already has an account: accepting asks for that account's password instead of a new one. */
  accountExists: boolean;
}

export const createFirstWorkspace = (input: SetupInput) => api('/setup', { body: input });
export const loadDemoWorkspace = () => api<DemoCredentials>('/demo', { method: 'POST' });
export const requestPasswordReset = (email: string) => api('/auth/password-reset', { body: { email } });
export const confirmPasswordReset = (token: string, password: string) => api('/auth/password-reset/confirm', { body: { token, password } });
export const lookupInvitation = (token: string) => api<InvitationLookup>('/invitations/lookup', { query: { token } });
export const acceptInvitation = (input: { token: string; name?: string; password: string }) => api('/invitations/accept', { body: input });
