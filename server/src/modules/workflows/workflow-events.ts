import type { Actor } from '../auth/permissions.js';
import { eventActor, type NewEvent } from '../../platform/events/event-types.js';
import type { WorkflowRow } from './workflows.repo.js';

type WorkflowEventType = 'workflow.created' | 'workflow.updated' | 'workflow.published' | 'workflow.stopped' | 'workflow.started' | 'workflow.deleted';

/**
 * Workflow events on the workspace topic, so open lists and editors refresh. Never the definition: HTTP steps may
 * hold credentials, and every member receives workspace-topic events.
 */
export const workflowEvent = (actor: Actor, type: WorkflowEventType, w: Pick<WorkflowRow, 'id' | 'name' | 'status' | 'version'>): NewEvent => ({
  workspaceId: actor.workspaceId,
  type,
  actor: eventActor(actor),
  payload: { workflowId: w.id, name: w.name, status: w.status, version: w.version },
});
