import type { Endpoint } from '../endpoint';

export const procurementEndpoints: Endpoint[] = [];
