/** Wide enough for the longest app name, so every prefixed line lines up. */
export const PREFIX_WIDTH = 'notifications'.length;

export function prefixFor(name: string, width = PREFIX_WIDTH): string {
  return `${name.padEnd(width)} | `;
}

/** Cuts a byte stream into whole lines; a partial line waits for the rest of it. */
export class LineSplitter {
  private rest = '';

  push(chunk: string): string[] {
    const text = this.rest + chunk;
    const lines = text.split(/\r?\n/);
    this.rest = lines.pop() ?? '';
    return lines;
  }

  flush(): string[] {
    const last = this.rest;
    this.rest = '';
    return last.length > 0 ? [last] : [];
  }
}

export type Log = (message: string) => void;

export function logAs(name: string, stream: NodeJS.WritableStream = process.stdout): Log {
  const prefix = prefixFor(name);
  return (message) => {
    stream.write(
      message
        .split('\n')
        .map((line) => prefix + line)
        .join('\n') + '\n',
    );
  };
}

/** Shows where a URL points without its password. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
