import { AppError, ErrorCode } from '../../platform/http/errors.js';
import type { CallStatus } from './calls.tables.js';

/**
 * Which status a call may move to. A call that generated a service request can still be closed once
 * the request is handled; a closed call is final.
 */
const allowed: Record<CallStatus, CallStatus[]> = {
  open: ['closed', 'service_request'],
  service_request: ['closed'],
  closed: [],
};

export function assertCallTransition(from: CallStatus, to: CallStatus) {
  if (!allowed[from].includes(to)) throw new AppError(ErrorCode.InvalidTransition, 409, `A ${from} call cannot become ${to}`, { from, to });
}
