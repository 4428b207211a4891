export const ErrorCode = {
  BadRequest: 'bad_request',
  Validation: 'validation_failed',
  Unauthenticated: 'unauthenticated',
  Forbidden: 'forbidden',
  NotFound: 'not_found',
  Conflict: 'conflict',
  InvalidTransition: 'invalid_transition',
  InvalidSignature: 'invalid_signature',
  PayloadTooLarge: 'payload_too_large',
  RateLimited: 'rate_limited',
  /** A free-form reply after the channel's reply window closed (WhatsApp's 24 hours): only templates may be sent. */
  ReplyWindowClosed: 'reply_window_closed',
  /** The channel's provider failed or refused a request made on the user's behalf (template sync). */
  ProviderFailed: 'provider_failed',
  /** Closing without the closing note the workspace's policy asks for (a category, or a category and a summary). */
  ClosingNoteRequired: 'closing_note_required',
  /** A reply by someone other than the assignee where the workspace lets only the assignee reply. */
  NotAssignee: 'not_assignee',
  FormIncomplete: 'form_incomplete',
  /** Publishing (or test-running) a workflow whose definition is not ready: details list its problems. */
  WorkflowInvalid: 'workflow_invalid',
  SetupDone: 'setup_already_done',
  Internal: 'internal_error',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The one error type use cases throw; the HTTP layer turns it into `{ error: { code, message, details } }`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError(ErrorCode.NotFound, 404, `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this') => new AppError(ErrorCode.Forbidden, 403, message);
export const badRequest = (message: string, details?: unknown) => new AppError(ErrorCode.BadRequest, 400, message, details);
export const conflict = (message: string, details?: unknown) => new AppError(ErrorCode.Conflict, 409, message, details);
