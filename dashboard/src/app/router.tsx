import { createBrowserRouter, Navigate } from 'react-router';
import { PublicGate, SignedInGate } from './gates';
import { RouteError } from './route-error';

/** Screens load on demand, so the first visit downloads only the shell and the screen it opens. */
export const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    children: [
      {
        element: <PublicGate />,
        children: [
          { path: 'setup', lazy: async () => ({ Component: (await import('../modules/auth/setup-page')).SetupPage }) },
          { path: 'login', lazy: async () => ({ Component: (await import('../modules/auth/login-page')).LoginPage }) },
          {
            path: 'forgot-password',
            lazy: async () => ({ Component: (await import('../modules/auth/forgot-password-page')).ForgotPasswordPage }),
          },
          {
            path: 'reset-password',
            lazy: async () => ({ Component: (await import('../modules/auth/reset-password-page')).ResetPasswordPage }),
          },
          {
            path: 'accept-invitation',
            lazy: async () => ({ Component: (await import('../modules/auth/accept-invitation-page')).AcceptInvitationPage }),
          },
        ],
      },
      {
        element: <SignedInGate />,
        children: [
          {
            lazy: async () => ({ Component: (await import('./shell/app-shell')).AppShellLayout }),
            children: [
              { index: true, element: <Navigate to="/conversations" replace /> },
              {
                path: 'conversations',
                lazy: async () => ({ Component: (await import('../modules/conversations/conversation-list-page')).ConversationListPage }),
              },
              { path: '*', lazy: async () => ({ Component: (await import('./not-found-page')).NotFoundPage }) },
            ],
          },
        ],
      },
    ],
  },
]);
