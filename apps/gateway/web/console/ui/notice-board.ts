import { ApiFailure } from '../api/staff-api';

export interface Notice {
  id: number;
  kind: 'success' | 'failure';
  text: string;
}

/** How long a notice stays on screen; failures stay longer, they are read more carefully. */
const SUCCESS_MS = 5000;
const FAILURE_MS = 12000;

/**
 * What the console tells after every action: that it succeeded, or why it failed (the problem
 * document's message). Shown in a live region by `<Notices>`.
 */
export class NoticeBoard {
  private notices: Notice[] = [];
  private nextId = 1;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly unexpectedText: () => string) {}

  get current(): readonly Notice[] {
    return this.notices;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  success(text: string): void {
    this.add('success', text, SUCCESS_MS);
  }

  /** An error from an action: an API failure says why; anything else is a fault of the console itself. */
  failure(error: unknown): void {
    const text = error instanceof ApiFailure ? error.message : this.unexpectedText();
    if (!(error instanceof ApiFailure)) console.error(error);
    this.add('failure', text, FAILURE_MS);
  }

  /** Failures belong to the page they came from: leaving it clears them (successes stay to be read). */
  dismissFailures(): void {
    if (!this.notices.some((notice) => notice.kind === 'failure')) return;
    this.notices = this.notices.filter((notice) => notice.kind !== 'failure');
    this.notify();
  }

  dismiss(id: number): void {
    this.notices = this.notices.filter((notice) => notice.id !== id);
    this.notify();
  }

  private add(kind: Notice['kind'], text: string, lifetime: number): void {
    const notice = { id: this.nextId++, kind, text };
    this.notices = [...this.notices.slice(-4), notice];
    this.notify();
    setTimeout(() => this.dismiss(notice.id), lifetime);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
