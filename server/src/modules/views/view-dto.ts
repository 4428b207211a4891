import type { Actor } from '../auth/permissions.js';
import { eventActor, type NewEvent } from '../../platform/events/event-types.js';
import type { ViewWithOwner } from './views.repo.js';
import type { ViewDto } from './views.schemas.js';

export const toViewDto = (v: ViewWithOwner, viewerId: number | null): ViewDto => ({
  id: v.id,
  name: v.name,
  filters: v.filters,
  shared: v.shared,
  owner: { id: v.ownerId, name: v.ownerName },
  mine: v.ownerId === viewerId,
});

/** Dashboards refresh their view lists on these; the payload names the view, never a private view's content. */
export const viewEvent = (actor: Actor, type: 'view.created' | 'view.updated' | 'view.deleted', v: Pick<ViewWithOwner, 'id' | 'ownerId' | 'shared'>): NewEvent => ({
  workspaceId: actor.workspaceId,
  type,
  actor: eventActor(actor),
  audience: [v.ownerId],
  payload: { viewId: v.id, ownerId: v.ownerId, shared: v.shared },
});
