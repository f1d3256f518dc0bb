import { Router } from 'express';
import type { AppDeps } from '../deps';

export function ticketsRouter(_deps: AppDeps): Router {
  return Router();
}
