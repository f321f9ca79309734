/** The archive pages with the suite's one keyset cursor of (createdAt, id), newest first. */
export {
  decodePageCursor as decodeCursor,
  encodePageCursor as encodeCursor,
  type PagePosition as ListPosition,
} from '@app/contracts';
