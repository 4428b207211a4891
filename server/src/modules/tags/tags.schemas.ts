import { z } from 'zod';

const tagName = z.string().trim().min(1).max(50);
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Expected a colour such as #1c7ed6');

export const tagDto = z.object({ id: z.number(), name: z.string(), color: z.string(), createdAt: z.string() });
export type TagDto = z.infer<typeof tagDto>;
export const createTagBody = z.object({ name: tagName, color: color.optional() });
export const updateTagBody = z.object({ name: tagName.optional(), color: color.optional() });

export const closingCategoryDto = z.object({ id: z.number(), name: z.string(), createdAt: z.string() });
export type ClosingCategoryDto = z.infer<typeof closingCategoryDto>;
export const closingCategoryBody = z.object({ name: z.string().trim().min(1).max(80) });

export const catalogueIdParams = z.object({ id: z.coerce.number().int().positive() });
export const listCatalogueQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(500),
});

export const tagResponse = z.object({ tag: tagDto });
export const tagListDto = z.object({ items: z.array(tagDto), nextCursor: z.string().nullable() });
export const closingCategoryResponse = z.object({ closingCategory: closingCategoryDto });
export const closingCategoryListDto = z.object({ items: z.array(closingCategoryDto), nextCursor: z.string().nullable() });
export const deletedDto = z.object({ id: z.number(), deleted: z.literal(true) });
