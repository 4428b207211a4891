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
                lazy: async () => ({ Component: (await import('../modules/inbox/inbox-page')).InboxPage }),
                children: [
                  { index: true, lazy: async () => ({ Component: (await import('../modules/inbox/no-conversation-selected')).NoConversationSelected }) },
                  { path: ':conversationId', lazy: async () => ({ Component: (await import('../modules/conversation/conversation-pane')).ConversationPane }) },
                ],
              },
              { path: 'calls', lazy: async () => ({ Component: (await import('../modules/calls/calls-page')).CallsPage }) },
              { path: 'board', lazy: async () => ({ Component: (await import('../modules/board/live-board-page')).LiveBoardPage }) },
              { path: 'reports/transfers', lazy: async () => ({ Component: (await import('../modules/reports/transfers/transfers-report-page')).TransfersReportPage }) },
              { path: 'bot-review', lazy: async () => ({ Component: (await import('../modules/bots/review/bot-review-page')).BotReviewPage }) },
              { path: 'workflows', lazy: async () => ({ Component: (await import('../modules/workflows/list/workflows-page')).WorkflowsPage }) },
              { path: 'workflows/:workflowId', lazy: async () => ({ Component: (await import('../modules/workflows/editor/workflow-editor-page')).WorkflowEditorPage }) },
              { path: 'profile', lazy: async () => ({ Component: (await import('../modules/profile/profile-page')).ProfilePage }) },
              {
                path: 'settings',
                lazy: async () => ({ Component: (await import('../modules/settings/settings-layout')).SettingsLayout }),
                children: [
                  { index: true, element: <Navigate to="users" replace /> },
                  { path: 'users', lazy: async () => ({ Component: (await import('../modules/settings/users-settings')).UsersSettings }) },
                  { path: 'teams', lazy: async () => ({ Component: (await import('../modules/settings/teams-settings')).TeamsSettings }) },
                  { path: 'channels', lazy: async () => ({ Component: (await import('../modules/settings/channels-settings')).ChannelsSettings }) },
                  { path: 'bots', lazy: async () => ({ Component: (await import('../modules/bots/settings/bots-settings')).BotsSettings }) },
                  { path: 'bots/:botId', lazy: async () => ({ Component: (await import('../modules/bots/settings/bot-knowledge-page')).BotKnowledgePage }) },
                  { path: 'tags', lazy: async () => ({ Component: (await import('../modules/settings/tags-settings')).TagsSettings }) },
                  { path: 'snippets', lazy: async () => ({ Component: (await import('../modules/settings/snippets-settings')).SnippetsSettings }) },
                  {
                    path: 'closing-categories',
                    lazy: async () => ({ Component: (await import('../modules/settings/closing-categories-settings')).ClosingCategoriesSettings }),
                  },
                  { path: 'contact-fields', lazy: async () => ({ Component: (await import('../modules/settings/contact-fields-settings')).ContactFieldsSettings }) },
                  { path: 'workspace', lazy: async () => ({ Component: (await import('../modules/settings/workspace-settings')).WorkspaceSettings }) },
                ],
              },
              { path: '*', lazy: async () => ({ Component: (await import('./not-found-page')).NotFoundPage }) },
            ],
          },
        ],
      },
    ],
  },
]);
