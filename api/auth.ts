// API keys map to users with roles (from config). Every mutating route names the roles it needs;
// admin may do everything.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ApiUser, Role } from '../config';
import { AppError, AppErrorCode } from '../domain/errors';

declare module 'express-serve-static-core' {
  interface Request { user?: ApiUser }
}

export function authenticate(users: ApiUser[]): RequestHandler {
  const byKey = new Map(users.map((u) => [u.key, u]));
  return (req: Request, _res: Response, next: NextFunction) => {
    const key = req.header('x-api-key') ?? req.header('authorization')?.replace(/^Bearer\s+/i, '');
    if (!key) return next(new AppError(AppErrorCode.UNAUTHENTICATED, { message: 'Send your API key in the X-API-Key header' }));
    const user = byKey.get(key);
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
