import { route } from '../route';

/** What the submissions desk calls (the staff roster for assigning is identity's). */
export const SUBMISSION_ROUTES = {
  list: route('GET', '/api/v1/moderation/submissions'),
  detail: route('GET', '/api/v1/moderation/submissions/{id}'),
  transition: route('POST', '/api/v1/moderation/submissions/{id}/transition'),
  assign: route('POST', '/api/v1/moderation/submissions/{id}/assign'),
  note: route('POST', '/api/v1/moderation/submissions/{id}/notes'),
  attachment: route('GET', '/api/v1/moderation/submissions/{id}/attachments/{attachmentId}'),
} as const;
