import type { TagRow } from './tags.repo.js';
import type { ClosingCategoryRow } from './closing-categories.repo.js';
import type { ClosingCategoryDto, TagDto } from './tags.schemas.js';

export const toTagDto = (row: TagRow): TagDto => ({ id: row.id, name: row.name, color: row.color, createdAt: row.createdAt.toISOString() });

export const toClosingCategoryDto = (row: ClosingCategoryRow): ClosingCategoryDto => ({ id: row.id, name: row.name, createdAt: row.createdAt.toISOString() });
