// API keys map to users with roles (from config). Every mutating route names the roles it needs;
// admin may do everything.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ApiUser, Role } from '../config';
import { AppError, AppErrorCode } from '../domain/errors';

declare module 'express-serve-static-core' {
  interface Request { user?: ApiUser }
}

export function authenticate(users: ApiUser[]): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const key = req.header('x-api-key') ?? req.header('authorization')?.replace(/^Bearer\s+/i, '');
    if (!key) return next(new AppError(AppErrorCode.UNAUTHENTICATED, { message: 'Send your API key in the X-API-Key header' }));
    const user = users.find((u) => u.key === key);
    if (!user) return next(new AppError(AppErrorCode.UNAUTHENTICATED, { message: 'Unknown API key' }));
    req.user = user;
    next();
  };
}

export const hasRole = (user: ApiUser, roles: readonly string[]) => user.roles.includes('admin') || user.roles.some((r) => roles.includes(r));

export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!hasRole(req.user!, roles)) {
      return next(new AppError(AppErrorCode.FORBIDDEN, { message: `This action needs one of the roles: ${roles.join(', ')} (you have ${req.user!.roles.join(', ')})` }));
    }
    next();
  };
}

export const currentUser = (req: Request): ApiUser => req.user!;

/** A customer-portal user: only the customer role, bound to one customer. */
export const isPortalUser = (user: ApiUser) => user.roles.every((r) => r === 'customer');

/** Portal keys reach only the ticket endpoints; everything else is staff-only. */
export const portalBoundary: RequestHandler = (req, _res, next) => {
  if (isPortalUser(req.user!) && !/^\/tickets(\/|$)/.test(req.path)) {
    return next(new AppError(AppErrorCode.FORBIDDEN, { message: 'Customer-portal keys may only use /api/tickets' }));
  }
  next();
};
