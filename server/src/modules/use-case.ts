import type { AppContext } from '../platform/context.js';
import type { Actor } from './auth/permissions.js';

/** What every use case receives: the process context and who is acting. */
export type UseCaseContext = AppContext & { actor: Actor };

export const withActor = (ctx: AppContext, actor: Actor): UseCaseContext => ({ ...ctx, actor });
