/**
 * How the mock refuses a request (statusCode and statusMessage, as ReturnValues lists them) and
 * what an operation gives back. A leaf: the domain models throw these without the mock's state.
 */

/** A refusal in the documented shape: statusCode + statusMessage, and an HTTP status of our choice. */
export class GwsFailure extends Error {
  constructor(
    readonly statusCode: number,
    readonly statusMessage: string,
    readonly httpStatus = 400,
  ) {
    super(statusMessage);
  }
}

export const fail = {
  missing: (name: string) => new GwsFailure(1, `Missing required parameter '${name}'`, 400),
  state: (message: string) => new GwsFailure(2, message, 409),
  forbidden: (message: string) => new GwsFailure(3, message, 403),
  permission: (message: string) => new GwsFailure(5, message, 403),
  notFound: (what: string) => new GwsFailure(6, `${what} not found`, 404),
  invalid: (message: string) => new GwsFailure(10, message, 400),
};

/** An operation done, and what it sets off once the reply is on its way. */
export interface Outcome {
  reply: Record<string, unknown>;
  after?: () => void;
}
