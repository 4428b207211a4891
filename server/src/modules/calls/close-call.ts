import type { UseCaseContext } from '../use-case.js';
import { changeCallStatus } from './change-call-status.js';

/** "Cerrar": the call was attended; an optional closing note says how. */
export const closeCall = (ctx: UseCaseContext, input: { id: number; note?: string }) => changeCallStatus(ctx, { ...input, to: 'closed' });
