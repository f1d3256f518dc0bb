import type { EndpointGroup } from '../endpoint';
import { ZMeView } from './me.schemas';

export const meEndpoints = {
  get: {
    method: 'get',
    path: '/api/me',
    summary: 'Who the API key belongs to: name, roles and, for a customer-portal key, its customer',
    access: 'anyone',
    response: ZMeView,
    success: [200],
  },
} satisfies EndpointGroup;
