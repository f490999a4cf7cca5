/**
 * Progress on stderr for work that takes more than a second (a large export, a 10,000-resource
 * stack): nothing for quick runs, then at most a line a second. On by default only when stderr is
 * a terminal, so CI logs and piped output stay clean unless `--progress` asks for it.
 */
/**
 * How long work runs before progress is said. KEYGUARD_PROGRESS_AFTER_MS overrides it, so a test can
 * see the lines without depending on how fast the machine is.
 */
function quietMs(): number {
    const fromEnv = Number(process.env.KEYGUARD_PROGRESS_AFTER_MS);
    return Number.isFinite(fromEnv) && fromEnv >= 0 ? fromEnv : 1000;
}

export class Progress {
    private readonly quiet = quietMs();
    private readonly started: number;
    private lastLine = 0;
    private said = false;

    constructor(
        private readonly enabled: boolean,
        private readonly prefix: string,
        private readonly write: (line: string) => void = (line) => void process.stderr.write(`${line}\n`),
        private readonly now: () => number = Date.now,
    ) {
        this.started = now();
    }

    /** Says `line()` if the work has run for over a second and nothing was said in the last second. */
    update(line: () => string): void {
        if (!this.enabled) return;
        const now = this.now();
        if (now - this.started < this.quiet || now - this.lastLine < this.quiet) return;
        this.lastLine = now;
        this.said = true;
        this.write(`${this.prefix}: ${line()}`);
    }

    /** Closes with how long it took, when a progress line was said at all. */
    done(line: (seconds: string) => string): void {
        if (this.said) this.write(`${this.prefix}: ${line(((this.now() - this.started) / 1000).toFixed(1))}`);
    }
}
