import { Router } from 'express';
import type { AppDeps } from '../deps';

export function procurementRouter(_deps: AppDeps): Router {
  return Router();
}
