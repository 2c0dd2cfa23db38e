// Progress on stderr for long runs: a single rewritten line on a TTY, periodic lines otherwise.
export class ProgressLine {
  private last = 0;
  private readonly intervalMs: number;
  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {
    // Logs (non-TTY) get a line every few seconds; a terminal gets a live line.
    this.intervalMs = stream.isTTY ? 200 : 5000;
  }

  update(text: string): void {
    const now = Date.now();
    if (this.last === 0) this.last = now;
    if (now - this.last < this.intervalMs) return;
    this.last = now;
    if (this.stream.isTTY) this.stream.write(`\r\x1b[2K${text}`);
    else this.stream.write(`${text}\n`);
  }

  done(): void {
    if (this.stream.isTTY && this.last > 0) this.stream.write('\r\x1b[2K');
  }
}
