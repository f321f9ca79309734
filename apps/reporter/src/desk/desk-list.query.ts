import type { PagePosition, SubmissionCategory, SubmissionStatus } from '@app/contracts';

export interface DeskListFilter {
  status?: SubmissionStatus;
  /** A staff id, or `none` for unassigned ones. */
  assignee?: string;
  category?: SubmissionCategory;
  q?: string;
  after?: PagePosition;
  limit: number;
}

/**
 * The desk's list, newest first by (received_at, id): each filter matches an index that starts with
 * its column and ends with the order, and the words go to the GIN index over title and body.
 */
export function deskListQuery(filter: DeskListFilter): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.status) {
    where.push('s.status = ?');
    params.push(filter.status);
  }
  if (filter.assignee === 'none') where.push('s.assignee_id is null');
  else if (filter.assignee) {
    where.push('s.assignee_id = ?');
    params.push(filter.assignee);
  }
  if (filter.category) {
    where.push('s.category = ?');
    params.push(filter.category);
  }
  if (filter.q) {
    where.push(`to_tsvector('simple', s.title || ' ' || s.body) @@ plainto_tsquery('simple', ?)`);
    params.push(filter.q);
  }
  if (filter.after) {
    where.push('(s.received_at, s.id) < (?, ?)');
    params.push(filter.after.createdAt, filter.after.id);
  }
  params.push(filter.limit);
  return {
    sql: `select s.id, s.title, s.category, s.status, s.assignee_id, s.received_at, s.updated_at, s.version,
                 (select count(*)::int from reporter.attachment a where a.submission_id = s.id) as attachment_count
            from reporter.submission s
           ${where.length > 0 ? `where ${where.join(' and ')}` : ''}
           order by s.received_at desc, s.id desc
           limit ?`,
    params,
  };
}
