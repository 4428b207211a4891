import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/db.js';
import type { ProviderTemplate } from '../channel.js';
import { channelTemplates } from '../channel-templates.tables.js';

export type ChannelTemplateRow = typeof channelTemplates.$inferSelect;

/**
 * Makes the channel's templates what the provider listed: new and changed ones upserted on (channel, name,
 * language), the ones no longer listed deleted. Two statements whatever the count.
 */
export async function replaceChannelTemplates(tx: Db, p: { workspaceId: number; channelId: number; templates: ProviderTemplate[]; syncedAt: Date }): Promise<void> {
  const unique = [...new Map(p.templates.map((t) => [`${t.name}\u001f${t.language}`, t])).values()];
  if (unique.length) {
    await tx
      .insert(channelTemplates)
      .values(unique.map((t) => ({
        workspaceId: p.workspaceId, channelId: p.channelId, externalId: t.externalId ?? null, name: t.name, language: t.language,
        category: t.category ?? null, status: t.status, components: t.components, syncedAt: p.syncedAt,
      })))
      .onConflictDoUpdate({
        target: [channelTemplates.channelId, channelTemplates.name, channelTemplates.language],
        set: {
          externalId: sql`excluded.external_id`, category: sql`excluded.category`, status: sql`excluded.status`,
          components: sql`excluded.components`, syncedAt: sql`excluded.synced_at`,
        },
      });
  }
  const keys = unique.map((t) => `${t.name}\u001f${t.language}`);
  await tx.delete(channelTemplates).where(and(
    eq(channelTemplates.channelId, p.channelId),
    keys.length ? sql`NOT (${channelTemplates.name} || chr(31) || ${channelTemplates.language} = ANY(ARRAY[${sql.join(keys.map((k) => sql`${k}`), sql`, `)}]::text[]))` : sql`true`,
  ));
}

export async function listChannelTemplateRows(db: Db, workspaceId: number, channelId: number): Promise<ChannelTemplateRow[]> {
  return db.select().from(channelTemplates)
    .where(and(eq(channelTemplates.workspaceId, workspaceId), eq(channelTemplates.channelId, channelId)))
    .orderBy(asc(channelTemplates.name), asc(channelTemplates.language));
}

export async function findChannelTemplate(db: Db, channelId: number, name: string, language: string): Promise<ChannelTemplateRow | undefined> {
  const [row] = await db.select().from(channelTemplates)
    .where(and(eq(channelTemplates.channelId, channelId), eq(channelTemplates.name, name), eq(channelTemplates.language, language)));
  return row;
}
