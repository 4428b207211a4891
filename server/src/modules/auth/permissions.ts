export type Role = 'owner' | 'admin' | 'supervisor' | 'agent';
export type AccessLevel = 'all' | 'team' | 'assigned';

/** Who is acting. Users act through a session, integrations through an API token, the system through jobs. */
export interface Actor {
  type: 'user' | 'api' | 'system';
  workspaceId: number;
  /** The user, or null for api tokens and the system. */
  userId: number | null;
  /** The api token id, for the audit trail. */
  tokenId?: number;
  /** The bot acting (the built-in bot, or an external bot through its own token): its messages are the bot's. */
  botId?: number;
  /** The workflow acting (its steps): the log says a workflow did it, and which. */
  workflowId?: number;
  role: Role;
  accessLevel: AccessLevel;
  teamIds: number[];
}

export type Action =
  | 'workspace.read' | 'workspace.manage'
  | 'user.read' | 'user.manage'
  | 'team.read' | 'team.manage'
  | 'channel.read' | 'channel.manage'
  | 'tag.manage' | 'apitoken.manage' | 'jobs.read' | 'report.read'
  | 'contact.read' | 'contact.write' | 'contact.delete'
  | 'conversation.read' | 'conversation.reply' | 'conversation.note' | 'conversation.take'
  | 'conversation.assign' | 'conversation.update' | 'conversation.delete-message'
  | 'conversation.transcript'
  | 'snippet.manage' | 'contact-field.manage'
  | 'call.ingest' | 'call.read' | 'call.update'
  | 'bot.manage' | 'bot.review'
  | 'workflow.manage' | 'workflow.read';

/** The system acting in a workspace: jobs, routing, the widget's visitor side. */
export const systemActor = (workspaceId: number): Actor => ({ type: 'system', workspaceId, userId: null, role: 'owner', accessLevel: 'all', teamIds: [] });

/** A bot answering in a workspace: the system's reach, the bot's name on what it sends. */
export const botActor = (workspaceId: number, botId: number): Actor => ({ ...systemActor(workspaceId), botId });

/** A workflow's steps acting in a workspace: the system's reach, recorded as the workflow's doing. */
export const workflowActor = (workspaceId: number, workflowId: number): Actor => ({ ...systemActor(workspaceId), workflowId });

/** What the actor acts upon: the workspace, and for conversations the scope that access levels look at. */
export interface Resource {
  workspaceId: number;
  teamId?: number | null;
  assigneeId?: number | null;
}

const adminOnly = new Set<Action>(['workspace.manage', 'user.manage', 'team.manage', 'channel.manage', 'tag.manage', 'apitoken.manage', 'jobs.read', 'snippet.manage', 'contact-field.manage', 'call.ingest', 'bot.manage', 'workflow.manage']);
const supervisorUp = new Set<Action>(['report.read', 'contact.delete', 'bot.review', 'workflow.read']);
const conversationActions = new Set<Action>([
  'conversation.read', 'conversation.reply', 'conversation.note', 'conversation.take',
  'conversation.assign', 'conversation.update', 'conversation.delete-message',
  'conversation.transcript',
]);

const rank: Record<Role, number> = { agent: 0, supervisor: 1, admin: 2, owner: 3 };
export const atLeast = (actor: Actor, role: Role) => rank[actor.role] >= rank[role];

/** Can the actor see this conversation scope under its access level? */
export function canSeeConversation(actor: Actor, r: Resource): boolean {
  if (actor.accessLevel === 'all' || atLeast(actor, 'admin')) return true;
  const mine = actor.userId !== null && r.assigneeId === actor.userId;
  if (actor.accessLevel === 'assigned') return mine;
  return mine || (r.teamId != null && actor.teamIds.includes(r.teamId));
}

/**
 * Calls belong to no team or assignee (they come from the IVR, not a queue), so access levels cannot scope
 * them: supervisors and up, and agents who see everything (access level `all`), see and handle them.
 */
export function canSeeCalls(actor: Actor): boolean {
  return actor.type === 'system' || atLeast(actor, 'supervisor') || actor.accessLevel === 'all';
}

/**
 * The one permission function: routes, the realtime hub and the API all ask it.
 * Owners and admins do everything in their workspace; supervisors and agents see conversations by
 * access level; agents cannot manage settings.
 */
export function can(actor: Actor, action: Action, resource: Resource): boolean {
  if (actor.workspaceId !== resource.workspaceId) return false;
  if (actor.type === 'system') return true;
  if (adminOnly.has(action)) return atLeast(actor, 'admin');
  if (supervisorUp.has(action)) return atLeast(actor, 'supervisor');
  if (conversationActions.has(action)) return canSeeConversation(actor, resource);
  if (action === 'call.read' || action === 'call.update') return canSeeCalls(actor);
  return true; // workspace.read, user.read, team.read, channel.read, contact.read, contact.write
}
