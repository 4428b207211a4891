import type { App } from '../platform/http/app.js';
import type { AppContext } from '../platform/context.js';

/** Every module's routes, registered in this order. */
export const routeModules: Array<(app: App, ctx: AppContext) => Promise<void> | void> = [];
