import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../auth/authenticate.js';
import { withActor } from '../use-case.js';
import {
  catalogueIdParams, closingCategoryBody, closingCategoryListDto, closingCategoryResponse, createTagBody, deletedDto,
  listCatalogueQuery, tagListDto, tagResponse, updateTagBody,
} from './tags.schemas.js';
import { listTags } from './list-tags.js';
import { createTag } from './create-tag.js';
import { updateTag } from './update-tag.js';
import { deleteTag } from './delete-tag.js';
import { listClosingCategories } from './list-closing-categories.js';
import { createClosingCategory } from './create-closing-category.js';
import { updateClosingCategory } from './update-closing-category.js';
import { deleteClosingCategory } from './delete-closing-category.js';

export function registerTagRoutes(app: App, ctx: AppContext) {
  const tags = ['tags'];
  app.get('/api/v1/tags', {
    schema: { tags, summary: 'The tag catalogue, by name', querystring: listCatalogueQuery, response: { 200: tagListDto } },
  }, async (req) => listTags(withActor(ctx, requireActor(req)), req.query));

  app.post('/api/v1/tags', {
    schema: { tags, summary: 'Add a tag to the catalogue (admin and up)', body: createTagBody, response: { 201: tagResponse } },
  }, async (req, reply) => reply.status(201).send({ tag: await createTag(withActor(ctx, requireActor(req)), req.body) }));

  app.patch('/api/v1/tags/:id', {
    schema: { tags, summary: 'Rename (everywhere it is used) or recolour a tag (admin and up)', params: catalogueIdParams, body: updateTagBody, response: { 200: tagResponse } },
  }, async (req) => ({ tag: await updateTag(withActor(ctx, requireActor(req)), { ...req.body, id: req.params.id }) }));

  app.delete('/api/v1/tags/:id', {
    schema: { tags, summary: 'Delete a tag and remove it from conversations and contacts (admin and up)', params: catalogueIdParams, response: { 200: deletedDto } },
  }, async (req) => {
    await deleteTag(withActor(ctx, requireActor(req)), req.params);
    return { id: req.params.id, deleted: true as const };
  });

  const categoryTags = ['closing categories'];
  app.get('/api/v1/closing-categories', {
    schema: { tags: categoryTags, summary: 'Closing categories, by name', querystring: listCatalogueQuery, response: { 200: closingCategoryListDto } },
  }, async (req) => listClosingCategories(withActor(ctx, requireActor(req)), req.query));

  app.post('/api/v1/closing-categories', {
    schema: { tags: categoryTags, summary: 'Add a closing category (admin and up)', body: closingCategoryBody, response: { 201: closingCategoryResponse } },
  }, async (req, reply) => reply.status(201).send({ closingCategory: await createClosingCategory(withActor(ctx, requireActor(req)), req.body) }));

  app.patch('/api/v1/closing-categories/:id', {
    schema: { tags: categoryTags, summary: 'Rename a closing category (admin and up)', params: catalogueIdParams, body: closingCategoryBody, response: { 200: closingCategoryResponse } },
  }, async (req) => ({ closingCategory: await updateClosingCategory(withActor(ctx, requireActor(req)), { ...req.body, id: req.params.id }) }));

  app.delete('/api/v1/closing-categories/:id', {
    schema: { tags: categoryTags, summary: 'Delete a closing category (admin and up)', params: catalogueIdParams, response: { 200: deletedDto } },
  }, async (req) => {
    await deleteClosingCategory(withActor(ctx, requireActor(req)), req.params);
    return { id: req.params.id, deleted: true as const };
  });
}
