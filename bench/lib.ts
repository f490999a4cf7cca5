/**
 * The bench's shared vocabulary: each section measures something and prints rows of
 * `label  value unit  (ratio vs baseline)`. Sections live in their own files and are listed
 * in bench/run.ts.
 */
export interface BenchSection {
    name: string;
    run(): Promise<void>;
}

export function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(s.length / 2);
    return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Times `fn` (sync or async) `runs` times after `warmup` untimed runs; returns milliseconds per run. */
export async function timeRuns(fn: () => unknown, runs: number, warmup = 1): Promise<number[]> {
    for (let i = 0; i < warmup; i++) await fn();
    const out: number[] = [];
    for (let i = 0; i < runs; i++) {
        const t0 = process.hrtime.bigint();
        await fn();
        out.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return out;
}

export function row(label: string, value: number, unit: string, baseline?: { label: string; value: number }): void {
    const shown = value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
    const ratio = baseline ? `  (${(value / baseline.value).toFixed(2)}× ${baseline.label})` : "";
    console.log(`  ${label.padEnd(48)} ${shown.padStart(9)} ${unit}${ratio}`);
}

export function heading(text: string): void {
    console.log(`\n${text}`);
}
