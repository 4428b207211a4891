import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db/db.js';
import { conversationFormValues } from './conversations.tables.js';
import { teams } from '../teams/teams.tables.js';

export type FormValue = string | number | boolean;
export type FormValues = Record<string, FormValue>;

export interface FormValuesRow {
  conversationId: number;
  teamId: number;
  teamName: string;
  values: FormValues;
  updatedAt: Date;
}

/** Every team's values for these conversations (each team keeps its own: they survive transfers). */
export async function listFormValues(db: Db, workspaceId: number, conversationIds: number[]): Promise<FormValuesRow[]> {
  if (conversationIds.length === 0) return [];
  const rows = await db
    .select({
      conversationId: conversationFormValues.conversationId,
      teamId: conversationFormValues.teamId,
      teamName: teams.name,
      values: conversationFormValues.values,
      updatedAt: conversationFormValues.updatedAt,
    })
    .from(conversationFormValues)
    .innerJoin(teams, eq(teams.id, conversationFormValues.teamId))
    .where(and(eq(conversationFormValues.workspaceId, workspaceId), inArray(conversationFormValues.conversationId, conversationIds)))
    .orderBy(asc(conversationFormValues.conversationId), asc(conversationFormValues.updatedAt), asc(conversationFormValues.teamId));
  return rows as FormValuesRow[];
}

/** Merges values into a team's values for the conversation (inserting the row the first time): given keys overwrite, null removes. */
export async function mergeFormValues(
  tx: Db,
  row: { workspaceId: number; conversationId: number; teamId: number; values: Record<string, FormValue | null>; updatedBy: number | null; at: Date },
) {
  const patch = JSON.stringify(row.values);
  await tx.execute(sql`
    INSERT INTO conversation_form_values AS v (conversation_id, team_id, workspace_id, "values", updated_by, updated_at)
    VALUES (${row.conversationId}, ${row.teamId}, ${row.workspaceId}, jsonb_strip_nulls(${patch}::jsonb), ${row.updatedBy}, ${row.at.toISOString()}::timestamptz)
    ON CONFLICT (conversation_id, team_id) DO UPDATE SET
      "values" = jsonb_strip_nulls(v."values" || ${patch}::jsonb),
      updated_by = excluded.updated_by,
      updated_at = excluded.updated_at`);
}

/**
 * The required fields of the team's form that this conversation has not filled for that team: absent or
 * empty, and for a checkbox anything but checked. Closing asks for these (seed 004). No team: no form.
 */
export async function findMissingRequiredFields(db: Db, workspaceId: number, conversationId: number, teamId: number | null): Promise<{ key: string; label: string }[]> {
  if (teamId === null) return [];
  return queryRows<{ key: string; label: string }>(db, sql`
    SELECT f.key, f.label
    FROM team_form_fields f
    LEFT JOIN conversation_form_values v ON v.conversation_id = ${conversationId} AND v.team_id = f.team_id AND v.workspace_id = f.workspace_id
    WHERE f.workspace_id = ${workspaceId} AND f.team_id = ${teamId} AND f.required
      AND CASE WHEN f.type = 'checkbox' THEN (v."values" -> f.key) IS DISTINCT FROM 'true'::jsonb
               ELSE coalesce(btrim(v."values" ->> f.key), '') = '' END
    ORDER BY f.position, f.id`);
}
