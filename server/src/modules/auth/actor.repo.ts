import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db/db.js';
import type { Actor } from './permissions.js';

type ActorRow = { user_id: number | null; workspace_id: number; role: Actor['role']; access_level: Actor['accessLevel']; team_ids: number[] | null; token_id?: number; bot_id?: number | null };

const toActor = (r: ActorRow, type: Actor['type']): Actor => ({
  type,
  workspaceId: r.workspace_id,
  userId: r.user_id,
  tokenId: r.token_id,
  ...(r.bot_id ? { botId: r.bot_id } : {}),
  role: r.role,
  accessLevel: r.access_level,
  teamIds: r.team_ids ?? [],
});

/** One query: the session, the active membership it is bound to, and the user's teams in that workspace. */
export async function actorForSession(db: Db, tokenHash: string): Promise<Actor | null> {
  const rows = await queryRows<ActorRow>(db, sql`
    SELECT s.user_id, s.workspace_id, m.role, m.access_level,
      (SELECT array_agg(tm.team_id) FROM team_members tm WHERE tm.workspace_id = s.workspace_id AND tm.user_id = s.user_id) AS team_ids
    FROM sessions s JOIN memberships m ON m.workspace_id = s.workspace_id AND m.user_id = s.user_id AND m.active
    WHERE s.token_hash = ${tokenHash} AND s.expires_at > now()`);
  return rows[0] ? toActor(rows[0], 'user') : null;
}

export async function actorForApiToken(db: Db, tokenHash: string): Promise<Actor | null> {
  const rows = await queryRows<ActorRow>(db, sql`
    UPDATE api_tokens SET last_used_at = now()
    WHERE token_hash = ${tokenHash} AND revoked_at IS NULL
    RETURNING NULL::bigint AS user_id, workspace_id, role, access_level, '{}'::bigint[] AS team_ids, id AS token_id, bot_id`);
  return rows[0] ? toActor(rows[0], 'api') : null;
}

/** The actor of a user in a workspace, for sockets refreshing their permissions. */
export async function actorForMember(db: Db, workspaceId: number, userId: number): Promise<Actor | null> {
  const rows = await queryRows<ActorRow>(db, sql`
    SELECT m.user_id, m.workspace_id, m.role, m.access_level,
      (SELECT array_agg(tm.team_id) FROM team_members tm WHERE tm.workspace_id = m.workspace_id AND tm.user_id = m.user_id) AS team_ids
    FROM memberships m WHERE m.workspace_id = ${workspaceId} AND m.user_id = ${userId} AND m.active`);
  return rows[0] ? toActor(rows[0], 'user') : null;
}
