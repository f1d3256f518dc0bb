// API keys map to users with roles (from config). Keys are kept only as SHA-256 digests and compared
// in constant time against every user, so neither a timing difference nor a memory dump gives a key away.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ApiUser, Role } from '../config';
import { AppError, AppErrorCode } from '../domain/errors';
import type { Access } from './endpoint';

declare module 'express-serve-static-core' {
  interface Request {
    user?: ApiUser;
  }
}

/** The digest an API key is stored as (config accepts `sha256:<hex>` entries too). */
export const keyDigest = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();

/** Finds the user of a key; looks at every user whatever matches, so timing says nothing about the keys. */
export function userForKey(users: readonly ApiUser[], key: string): ApiUser | undefined {
  const digest = keyDigest(key);
  let found: ApiUser | undefined;
  for (const u of users) {
    if (timingSafeEqual(digest, digestOf(u)) && !found) found = u;
  }
  return found;
}

// Users built in code (tests) carry a plain key; it is digested once, on first use.
const digests = new WeakMap<ApiUser, Buffer>();
function digestOf(u: ApiUser): Buffer {
  if (u.keyDigest) return u.keyDigest;
  let d = digests.get(u);
  if (!d) digests.set(u, (d = keyDigest(u.key)));
  return d;
}

export function authenticate(users: readonly ApiUser[]): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const key = req.header('x-api-key') ?? req.header('authorization')?.replace(/^Bearer\s+/i, '');
    if (!key) return next(new AppError(AppErrorCode.UNAUTHENTICATED, { message: 'Send your API key in the X-API-Key header' }));
    const user = userForKey(users, key);
    if (!user) return next(new AppError(AppErrorCode.UNAUTHENTICATED, { message: 'Unknown API key' }));
    req.user = user;
    next();
  };
}

export const hasRole = (user: ApiUser, roles: readonly string[]) =>
  user.roles.includes('admin') || user.roles.some((r) => roles.includes(r));

/** A customer-portal user: only the customer role, bound to one customer. */
export const isPortalUser = (user: ApiUser) => user.roles.every((r) => r === 'customer');

/** Whether the endpoint's access rule lets this user in (before any per-record rule). */
export function mayCall(user: ApiUser, access: Access): boolean {
  if (access === 'anyone') return true;
  if (access === 'staff') return !isPortalUser(user);
  return hasRole(user, access.roles);
}

export function requireAccess(access: Access): RequestHandler {
  return (req, _res, next) => {
    const user = req.user!;
    if (mayCall(user, access)) return next();
    const message =
      access === 'staff' || access === 'anyone'
        ? 'Customer-portal keys may only use /api/tickets and /api/returns'
        : `This action needs one of the roles: ${access.roles.join(', ')} (you have ${user.roles.join(', ')})`;
    next(new AppError(AppErrorCode.FORBIDDEN, { message }));
  };
}

export const requireRole = (...roles: Role[]): RequestHandler => requireAccess({ roles });

export const currentUser = (req: Request): ApiUser => req.user!;
