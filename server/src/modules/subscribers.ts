import type { Subscriber } from '../platform/events/dispatcher.js';
import { outboundSubscriber } from './messages/outbound.subscriber.js';
import { inboundMediaSubscriber } from './messages/fetch-inbound-media.job.js';
import { snoozeSubscriber } from './conversations/wake-conversation.job.js';
import { dailyActivityProjection } from './reports/daily-activity.projection.js';
import { notificationsSubscriber } from './notifications/notifications.subscriber.js';
import { transcriptSubscriber } from './conversations/send-transcript.job.js';
import { emailUnreadRepliesSubscriber } from './widget/email-unread-replies.job.js';
import { emailPollSubscriber } from './channels/email/poll-mailbox.job.js';
import { routingSubscriber } from './routing/routing.subscriber.js';
import { awayMessageSubscriber } from './routing/away-message.subscriber.js';
import { botsSubscriber } from './bots/bots.subscriber.js';
import { workflowsSubscriber } from './workflows/workflows.subscriber.js';

/** Every durable subscriber of the event log. */
export const subscribers: Subscriber[] = [outboundSubscriber, inboundMediaSubscriber, snoozeSubscriber, dailyActivityProjection, notificationsSubscriber, transcriptSubscriber, emailUnreadRepliesSubscriber, emailPollSubscriber, routingSubscriber, awayMessageSubscriber, botsSubscriber, workflowsSubscriber];
