import type { JobDefinition } from '../platform/queue/queue.js';
import type { AppContext } from '../platform/context.js';
import { sendOutboundJob } from './messages/send-outbound.job.js';
import { fetchInboundMediaJob } from './messages/fetch-inbound-media.job.js';
import { wakeConversationJob } from './conversations/wake-conversation.job.js';
import { presenceSweepJob } from './users/presence.job.js';
import { sendTranscriptJob } from './conversations/send-transcript.job.js';
import { emailUnreadReplyJob } from './widget/email-unread-replies.job.js';
import { pollMailboxJob } from './channels/email/poll-mailbox.job.js';
import { assignWaitingJob, checkUnansweredJob } from './routing/routing.subscriber.js';
import { answerRemoteJob, checkDelegatedJob } from './bots/bots.subscriber.js';
import { advanceRunJob, wakeRunJob } from './workflows/workflows.subscriber.js';
import { tickWorkflowJob } from './workflows/engine/workflow-tick.job.js';

/** Every kind of background job. */
export const jobs: JobDefinition<any, AppContext>[] = [sendOutboundJob, fetchInboundMediaJob, wakeConversationJob, presenceSweepJob, sendTranscriptJob, emailUnreadReplyJob, pollMailboxJob, assignWaitingJob, checkUnansweredJob, answerRemoteJob, checkDelegatedJob, advanceRunJob, wakeRunJob, tickWorkflowJob];
