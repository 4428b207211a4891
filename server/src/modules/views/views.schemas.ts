import { z } from 'zod';
import { listQuery } from '../conversations/conversations.schemas.js';

/** The list query's own validation, so a view holds exactly what `GET /conversations` accepts (its filters, not its paging). */
const listFilters = listQuery.pick({
  status: true, assigneeId: true, teamId: true, channelId: true, tag: true, priority: true, q: true, from: true, to: true, mentioned: true,
}).strict();

export const VIEW_FILTER_KEYS = listFilters.keyof().options;
type FilterKey = (typeof VIEW_FILTER_KEYS)[number];

/** One optional property per filter, each of the given schema (named properties in the OpenAPI document). */
const eachFilter = <T extends z.ZodType>(value: T) =>
  Object.fromEntries(VIEW_FILTER_KEYS.map((key) => [key, value.optional()])) as Record<FilterKey, z.ZodOptional<T>>;

const rawValue = z.union([z.string().max(200), z.number(), z.array(z.string().max(20)).max(5)]);
const asQueryString = (raw: Partial<Record<FilterKey, string | number | string[]>>) => {
  const out: Partial<Record<FilterKey, string>> = {};
  for (const [key, value] of Object.entries(raw) as Array<[FilterKey, string | number | string[] | undefined]>) {
    if (value === undefined || value === '') continue;
    out[key] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return out;
};

/**
 * Saved filters in the list query's string form (`{ status: 'open,queued', assigneeId: 'me' }`), so
 * the dashboard puts them straight into the URL. Arrays and numbers are accepted and stored as strings.
 */
export const viewFilters = z
  .strictObject(eachFilter(rawValue))
  .transform(asQueryString)
  .pipe(
    z.strictObject(eachFilter(z.string())).superRefine((filters, ctx) => {
      const parsed = listFilters.safeParse(filters);
      // Named by the filter (`status`), not by the position inside its comma-separated value.
      if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path.slice(0, 1) });
    }),
  );

export const viewFiltersDto = z.object(eachFilter(z.string()));
export type ViewFilters = z.infer<typeof viewFiltersDto>;

export const viewDto = z.object({
  id: z.number(),
  name: z.string(),
  filters: viewFiltersDto,
  shared: z.boolean(),
  owner: z.object({ id: z.number(), name: z.string() }),
  mine: z.boolean(),
});
export type ViewDto = z.infer<typeof viewDto>;

const name = z.string().trim().min(1).max(80);
export const createViewBody = z.strictObject({ name, filters: viewFilters.default({}), shared: z.boolean().default(false) });
export const updateViewBody = z.strictObject({ name: name.optional(), filters: viewFilters.optional(), shared: z.boolean().optional() });
export const viewIdParams = z.object({ id: z.coerce.number().int().positive() });
export const viewListDto = z.object({ items: z.array(viewDto) });
export const deletedDto = z.object({ id: z.number(), deleted: z.literal(true) });

export type CreateViewInput = z.infer<typeof createViewBody>;
export type UpdateViewInput = z.infer<typeof updateViewBody>;
