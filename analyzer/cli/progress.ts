// Progress on stderr for long runs: a single rewritten line on a TTY, periodic lines otherwise.
export class ProgressLine {
  private last = 0;
  constructor(private readonly stream: NodeJS.WriteStream = process.stderr, private readonly intervalMs = 500) {}

  update(text: string): void {
    const now = Date.now();
    if (now - this.last < this.intervalMs) return;
    this.last = now;
    if (this.stream.isTTY) this.stream.write(`\r\x1b[2K${text}`);
    else this.stream.write(`${text}\n`);
  }

  done(): void {
    if (this.stream.isTTY && this.last > 0) this.stream.write('\r\x1b[2K');
  }
}
