import { route } from '../route';

/** What the submissions desk calls: the desk's routes, and the staff roster for assigning. */
export const SUBMISSION_ROUTES = {
  list: route('GET', '/api/v1/moderation/submissions'),
  detail: route('GET', '/api/v1/moderation/submissions/{id}'),
  transition: route('POST', '/api/v1/moderation/submissions/{id}/transition'),
  assign: route('POST', '/api/v1/moderation/submissions/{id}/assign'),
  note: route('POST', '/api/v1/moderation/submissions/{id}/notes'),
  attachment: route('GET', '/api/v1/moderation/submissions/{id}/attachments/{attachmentId}'),
  staff: route('GET', '/api/v1/staff'),
} as const;
