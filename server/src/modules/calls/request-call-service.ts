import type { UseCaseContext } from '../use-case.js';
import { changeCallStatus } from './change-call-status.js';

/** "Generó servicio técnico": the call led to a service request. */
export const requestCallService = (ctx: UseCaseContext, input: { id: number }) => changeCallStatus(ctx, { ...input, to: 'service_request' });
