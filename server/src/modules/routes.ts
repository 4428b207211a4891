import type { App } from '../platform/http/app.js';
import type { AppContext } from '../platform/context.js';
import { registerAuthRoutes } from './auth/auth.routes.js';
import { registerInvitationRoutes } from './auth/invitations.routes.js';
import { registerApiTokenRoutes } from './auth/api-tokens.routes.js';
import { registerUserRoutes } from './users/users.routes.js';
import { registerWorkspaceRoutes } from './workspaces/workspaces.routes.js';
import { registerTeamRoutes } from './teams/teams.routes.js';
import { registerTagRoutes } from './tags/tags.routes.js';
import { registerJobRoutes } from './jobs/jobs.routes.js';
import { registerContactRoutes } from './contacts/contacts.routes.js';
import { registerChannelRoutes } from './channels/channels.routes.js';
import { registerHookRoutes } from './channels/hooks.routes.js';
import { registerFormRoutes } from './channels/forms/forms.routes.js';
import { registerChannelTemplateRoutes } from './channels/templates/channel-templates.routes.js';
import { registerConversationRoutes } from './conversations/conversations.routes.js';
import { registerMessageRoutes } from './messages/messages.routes.js';
import { registerReportRoutes } from './reports/reports.routes.js';
import { registerDemoRoutes } from './demo/demo.routes.js';
import { registerNotificationRoutes } from './notifications/notifications.routes.js';
import { registerTranscriptRoutes } from './conversations/transcript.routes.js';
import { registerSnippetRoutes } from './snippets/snippets.routes.js';
import { registerBotReviewRoutes } from './bots/bot-review.routes.js';
import { registerViewRoutes } from './views/views.routes.js';
import { registerContactFieldRoutes } from './contacts/contact-fields.routes.js';
import { registerCallRoutes } from './calls/calls.routes.js';
import { registerWidgetRoutes } from './widget/widget.routes.js';
import { registerTeamFormRoutes } from './teams/team-form.routes.js';
import { registerConversationFormRoutes } from './conversations/conversation-form.routes.js';
import { registerTransferRoutes } from './conversations/transfers.routes.js';
import { registerTransfersReportRoutes } from './reports/transfers-report.routes.js';
import { registerLiveBoardRoutes } from './routing/live-board.routes.js';
import { registerBotRoutes } from './bots/bots.routes.js';
import { registerWorkflowRoutes } from './workflows/workflows.routes.js';

/** Every module's routes, registered in this order. */
export const routeModules: Array<(app: App, ctx: AppContext) => Promise<void> | void> = [
  registerAuthRoutes,
  registerInvitationRoutes,
  registerApiTokenRoutes,
  registerUserRoutes,
  registerWorkspaceRoutes,
  registerTeamRoutes,
  registerTagRoutes,
  registerJobRoutes,
  registerContactRoutes,
  registerChannelRoutes,
  registerHookRoutes,
  registerFormRoutes,
  registerChannelTemplateRoutes,
  registerConversationRoutes,
  registerMessageRoutes,
  registerReportRoutes,
  registerDemoRoutes,
  registerNotificationRoutes,
  registerTranscriptRoutes,
  registerSnippetRoutes,
  registerBotReviewRoutes,
  registerViewRoutes,
  registerContactFieldRoutes,
  registerCallRoutes,
  registerWidgetRoutes,
  registerTeamFormRoutes,
  registerConversationFormRoutes,
  registerTransferRoutes,
  registerTransfersReportRoutes,
  registerLiveBoardRoutes,
  registerBotRoutes,
  registerWorkflowRoutes,
];
