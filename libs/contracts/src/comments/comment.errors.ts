import { ConflictError, DomainError, RuleViolationError } from '../errors/domain-error';

export class CommentNotFoundError extends DomainError {
  constructor() {
    super('comment_not_found', 404, 'The comment was not found.');
  }
}

/** The comment answered is not a published comment of the same article. */
export class CommentParentInvalidError extends RuleViolationError {
  constructor() {
    super('comment_parent_invalid', 'The comment you are answering is not available.');
  }
}

export class CommentsClosedError extends RuleViolationError {
  constructor() {
    super('comments_closed', 'Comments on this article are closed.');
  }
}

export class CommentAuthorBannedError extends RuleViolationError {
  constructor() {
    super('comment_author_banned', 'You may not comment at the moment.');
  }
}

/** Deliberately names no word, so the list cannot be probed. */
export class CommentBannedWordError extends RuleViolationError {
  constructor() {
    super('comment_banned_word', 'The comment contains words that are not allowed.');
  }
}

/** The same body from the same reader within 10 minutes. */
export class DuplicateCommentError extends ConflictError {
  constructor() {
    super('comment_duplicate', 'You have already posted this comment.');
  }
}

export class CommentEditWindowClosedError extends RuleViolationError {
  constructor() {
    super('comment_edit_window_closed', 'The time to edit this comment has passed.');
  }
}

/** Deleted, rejected or erased comments cannot be edited, reacted to or flagged. */
export class CommentNotEditableError extends RuleViolationError {
  constructor() {
    super('comment_not_available', 'This comment can no longer be changed.');
  }
}

export class NotCommentAuthorError extends DomainError {
  constructor() {
    super('comment_not_yours', 403, 'Only the author may do this to the comment.');
  }
}

export class CommentAlreadyFlaggedError extends ConflictError {
  constructor() {
    super('comment_already_flagged', 'You have already flagged this comment.');
  }
}

/** A guest must give a name; a portal reader's comes from the portal token. */
export class CommentAuthorNameRequiredError extends RuleViolationError {
  constructor() {
    super('comment_author_name_required', 'Please give your name.');
  }
}

export class ReaderRequiredError extends DomainError {
  constructor() {
    super('reader_required', 401, 'A reader token or a portal sign-in is needed.');
  }
}

export class ReaderNotBannedError extends DomainError {
  constructor() {
    super('reader_not_banned', 404, 'The reader is not banned.');
  }
}
