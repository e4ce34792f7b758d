import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Authenticated } from '../auth';
import type { Latitude } from '../latitude';
import { fail, GwsFailure, type Outcome } from '../state';
import type { MockUser } from '../users';

/** What every route module needs: who is asking, the body, the operation, and the answer. */

declare module 'fastify' {
  interface FastifyRequest {
    gws?: Authenticated;
    mockLatitude?: Latitude;
  }
}

export type Body = Record<string, unknown>;

export function who(request: FastifyRequest): MockUser {
  if (!request.gws) throw new GwsFailure(20, 'Access denied', 401);
  return request.gws.user;
}

export function bodyOf(request: FastifyRequest): Body {
  const body = request.body;
  if (body === undefined || body === null) throw fail.missing('operationName');
  if (typeof body !== 'object' || Array.isArray(body)) throw fail.invalid('The request body must be a JSON object');
  return body as Body;
}

export function operationOf(body: Body): string {
  const name = body.operationName;
  if (name === undefined) throw fail.missing('operationName');
  if (typeof name !== 'string' || name === '') throw fail.invalid("Parameter 'operationName' must be a non-empty string");
  return name;
}

/** Switch `before-reply`: how long the reply waits once the notifications have been handed out. */
const BEFORE_REPLY_GAP_MS = 25;

export function answer(reply: FastifyReply, outcome: Outcome): FastifyReply {
  const latitude = reply.request.mockLatitude;
  if (outcome.after && latitude?.has('before-reply')) {
    outcome.after();
    void latitude.drained().then(() => setTimeout(() => reply.send(outcome.reply), BEFORE_REPLY_GAP_MS));
    return reply;
  }
  reply.send(outcome.reply);
  if (outcome.after) setImmediate(outcome.after);
  return reply;
}

