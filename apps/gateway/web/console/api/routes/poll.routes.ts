import { route, type ApiRoute } from '../route';

/** What the polls screens call (API.md, "Polls"). */
export const POLL_ROUTES = {
  list: route('GET', '/api/v1/polls'),
  get: route('GET', '/api/v1/polls/{id}'),
  create: route('POST', '/api/v1/polls'),
  update: route('PATCH', '/api/v1/polls/{id}'),
  close: route('POST', '/api/v1/polls/{id}/close'),
  remove: route('DELETE', '/api/v1/polls/{id}'),
  live: route('GET', '/api/v1/polls/{id}/live'),
  resultsCsv: route('GET', '/api/v1/polls/{id}/results.csv'),
} satisfies Record<string, ApiRoute>;
