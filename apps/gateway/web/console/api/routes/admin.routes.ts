import { route } from '../route';

/** What only admins call: staff accounts, webhooks with their deliveries, and dead letters. */
export const ADMIN_ROUTES = {
  staff: route('GET', '/api/v1/admin/staff'),
  createStaff: route('POST', '/api/v1/admin/staff'),
  changeStaffRoles: route('PATCH', '/api/v1/admin/staff/{id}'),
  deleteStaff: route('DELETE', '/api/v1/admin/staff/{id}'),
  webhooks: route('GET', '/api/v1/admin/webhooks'),
  createWebhook: route('POST', '/api/v1/admin/webhooks'),
  deleteWebhook: route('DELETE', '/api/v1/admin/webhooks/{id}'),
  deliveries: route('GET', '/api/v1/admin/deliveries'),
  retryDelivery: route('POST', '/api/v1/admin/deliveries/{id}/retry'),
  deadLetters: route('GET', '/api/v1/admin/dead-letters'),
  redrive: route('POST', '/api/v1/admin/dead-letters/{service}/{id}/redrive'),
} as const;
