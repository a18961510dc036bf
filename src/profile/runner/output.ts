// Bounded handling of the script's output: the tail of a stream, and lines for progress parsing
// (`\r` ends a line too, since progress bars redraw with it). Memory stays bounded whatever the
// script prints.

const MAX_LINE = 64 * 1024;

export class TailBuffer {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size - this.chunks[0].length >= this.limit) this.size -= this.chunks.shift()!.length;
  }

  /** The last `limit` bytes as text, starting at a line boundary when one is near. */
  text(): string {
    const all = Buffer.concat(this.chunks);
    let text = all.subarray(Math.max(0, all.length - this.limit)).toString('utf8');
    if (all.length > this.limit) {
      const nl = text.indexOf('\n');
      if (nl >= 0 && nl < 200) text = text.slice(nl + 1);
    }
    return text;
  }
}

export class LineSplitter {
  private partial = '';

  push(chunk: Buffer): string[] {
    const parts = (this.partial + chunk.toString('utf8')).split(/\r\n|\r|\n/);
    this.partial = parts.pop()!;
    if (this.partial.length > MAX_LINE) this.partial = this.partial.slice(-MAX_LINE);
    return parts.filter((l) => l.length > 0);
  }

  flush(): string {
    const rest = this.partial;
    this.partial = '';
    return rest;
  }
}
