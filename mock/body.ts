import { fail } from './failure';

/** Reading the members of a request body, refused with the documented error shape. */

export type Body = Record<string, unknown>;

export function optionalBoolean(body: Body, name: string): boolean | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw fail.invalid(`Parameter '${name}' must be true or false`);
}

export function requiredString(body: Body, name: string): string {
  const value = body[name];
  if (value === undefined || value === null) throw fail.missing(name);
  if (typeof value !== 'string') throw fail.invalid(`Parameter '${name}' must be a string`);
  return value;
}

export function optionalString(body: Body, name: string): string | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw fail.invalid(`Parameter '${name}' must be a string`);
  return value;
}
