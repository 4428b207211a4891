import { AppError, ErrorCode } from '../platform/http/errors.js';

/** The same 400 `validation_failed` shape as schema errors, for rules a schema cannot express. */
export const invalidField = (field: string, message: string) =>
  new AppError(ErrorCode.Validation, 400, `Invalid ${field}: ${message}`, [{ field, message }]);
