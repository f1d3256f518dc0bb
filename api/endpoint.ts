import type { z } from 'zod';

/** One documented endpoint; each resource lists its own in routes/<resource>.docs.ts. */
export interface Endpoint { method: 'get' | 'post'; path: string; summary: string; roles?: string; body?: z.ZodType; query?: z.ZodObject }
