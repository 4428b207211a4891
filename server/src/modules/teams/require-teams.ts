import type { Db } from '../../platform/db/db.js';
import { AppError, ErrorCode } from '../../platform/http/errors.js';
import { existingTeamIds } from './teams.repo.js';

/** The distinct team ids, all of this workspace; a team of another workspace is "not found", as everywhere. */
export async function requireTeamsOfWorkspace(db: Db, workspaceId: number, ids: number[], field = 'body.teamIds'): Promise<number[]> {
  const wanted = [...new Set(ids)];
  const found = new Set(await existingTeamIds(db, workspaceId, wanted));
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length) throw new AppError(ErrorCode.NotFound, 404, `Team not found: ${missing.join(', ')}`, [{ field, message: `no team ${missing.join(', ')}` }]);
  return wanted;
}
