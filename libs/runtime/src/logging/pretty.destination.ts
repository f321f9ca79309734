import { formatPrettyLine } from './pretty-line';

/**
 * Where pino writes when a person reads the output: each JSON line it produces is rewritten as one
 * readable line. Written synchronously, which a terminal keeps up with.
 */
export class PrettyDestination {
  constructor(private readonly out: NodeJS.WritableStream = process.stdout) {}

  write(chunk: string): boolean {
    for (const line of chunk.split('\n')) {
      if (line.length === 0) continue;
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line) as Record<string, unknown>;
      } catch {
        this.out.write(`${line}\n`);
        continue;
      }
      this.out.write(formatPrettyLine(record));
    }
    return true;
  }
}
