import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.js';
import { teamFormFields, teams } from './teams.tables.js';
import type { FormFieldDto } from './team-form.schemas.js';

export interface TeamFormFieldRow extends FormFieldDto {
  teamId: number;
  teamName: string;
}

/** The forms of these teams (all the workspace's teams when `teamIds` is omitted), by team name, then field order. */
export async function listTeamFormFields(db: Db, workspaceId: number, teamIds?: number[]): Promise<TeamFormFieldRow[]> {
  if (teamIds && teamIds.length === 0) return [];
  return db
    .select({
      teamId: teamFormFields.teamId,
      teamName: teams.name,
      key: teamFormFields.key,
      label: teamFormFields.label,
      type: teamFormFields.type,
      options: teamFormFields.options,
      required: teamFormFields.required,
    })
    .from(teamFormFields)
    .innerJoin(teams, eq(teams.id, teamFormFields.teamId))
    .where(and(eq(teamFormFields.workspaceId, workspaceId), teamIds ? inArray(teamFormFields.teamId, teamIds) : undefined))
    .orderBy(asc(teams.name), asc(teams.id), asc(teamFormFields.position), asc(teamFormFields.id));
}

/** Replaces a team's form: the fields in the given order. */
export async function replaceTeamFormFields(tx: Db, workspaceId: number, teamId: number, fields: FormFieldDto[]) {
  await tx.delete(teamFormFields).where(eq(teamFormFields.teamId, teamId));
  if (fields.length === 0) return;
  await tx.insert(teamFormFields).values(fields.map((f, position) => ({ workspaceId, teamId, ...f, position })));
}

/** Just the field definitions, for a DTO. */
export const formFieldsOf = (rows: TeamFormFieldRow[], teamId: number): FormFieldDto[] =>
  rows.filter((r) => r.teamId === teamId).map(({ key, label, type, options, required }) => ({ key, label, type, options, required }));
