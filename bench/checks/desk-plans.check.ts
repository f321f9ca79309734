import type { Client } from 'pg';
import type { QueryPlan } from './comment-plans.check';

const COLUMNS = `s.id, s.title, s.category, s.status, s.assignee_id, s.received_at, s.updated_at, s.version,
  (select count(*)::int from reporter.attachment a where a.submission_id = s.id) as attachment_count`;
const ORDER = 'order by s.received_at desc, s.id desc limit 21';

/**
 * The statements behind a page of the desk, as the reporter service sends them (its desk-list.query.ts
 * is the source: keep these in step), one per filter, planned against the seeded submissions.
 */
const DESK_STATEMENTS: { name: string; where: string; params: unknown[] }[] = [
  { name: 'first page, no filter', where: '', params: [] },
  {
    name: 'next page (keyset)',
    where: `where (s.received_at, s.id) < (now() - interval '1 minute', 'ffffffff-ffff-ffff-ffff-ffffffffffff')`,
    params: [],
  },
  { name: 'status = received', where: 'where s.status = $1', params: ['received'] },
  { name: 'assignee = none', where: 'where s.assignee_id is null', params: [] },
  { name: 'category = transport', where: 'where s.category = $1', params: ['transport'] },
  {
    name: 'q = "автобус"',
    where: `where to_tsvector('simple', s.title || ' ' || s.body) @@ plainto_tsquery('simple', $1)`,
    params: ['автобус'],
  },
];

/** EXPLAIN of each desk list statement; an index must serve each (no sequential scan of the table). */
export async function explainDeskList(client: Client): Promise<QueryPlan[]> {
  await client.query('analyze reporter.submission');
  await client.query('analyze reporter.attachment');
  const plans: QueryPlan[] = [];
  for (const statement of DESK_STATEMENTS) {
    const result = await client.query<{ 'QUERY PLAN': string }>(
      `explain select ${COLUMNS} from reporter.submission s ${statement.where} ${ORDER}`,
      statement.params,
    );
    const plan = result.rows.map((row) => row['QUERY PLAN']);
    const text = plan.join('\n');
    plans.push({
      name: statement.name,
      plan,
      usesIndex: /Index (Only )?Scan|Bitmap Index Scan/.test(text) && !/Seq Scan on submission/.test(text),
    });
  }
  return plans;
}
