import type { RequestHandler } from 'express';
import type { z } from 'zod';
import type { Role } from '../config';

/**
 * Who may call an endpoint: listed roles (admin may do everything), any staff key (every key but a
 * customer-portal one), or any key at all (portal keys then see only their own customer's data).
 */
export type Access = { roles: readonly Role[]; note?: string } | 'staff' | 'anyone';

/**
 * One endpoint of the API. Each resource lists its own in routes/<resource>.endpoints.ts; Express
 * routes, the role check, the OpenAPI document and the authorization tests are all derived from it.
 */
export interface Endpoint {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI style, e.g. /api/orders/{number}. */
  path: string;
  summary: string;
  access: Access;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The body may be left out altogether (the handler then reads `{}`). */
  bodyOptional?: true;
  /** What a success answers with: one record (an object), or a page of them (default: record). */
  returns?: 'record' | 'page';
  /** The record a success answers with (for a page: one of its items), for the OpenAPI document. */
  response?: z.ZodType;
  /** Success statuses; 200 and 201 both mean an idempotent create that replayed or created. */
  success: readonly (200 | 201)[];
  /** Accepts an Idempotency-Key header (a reused key with another body is refused with 422). */
  idempotent?: boolean;
  /** Refusals the business state can cause (409), beyond the input errors every endpoint has. */
  stateful?: boolean;
}

/** A resource's endpoints by name; its route file supplies a handler for each name. */
export type EndpointGroup = Record<string, Endpoint>;
export type Handlers<G extends EndpointGroup> = { [K in keyof G]: RequestHandler };

export const expressPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');
