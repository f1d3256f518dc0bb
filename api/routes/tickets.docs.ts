import type { Endpoint } from '../endpoint';

export const ticketEndpoints: Endpoint[] = [];
