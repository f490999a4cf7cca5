/**
 * Every fixture through `keyguard check` (one path for the fixtures, the tests and `npm start`):
 * each program runs under mocks in both modes and is judged with the pack's policy objects and
 * the program policies. The gRPC path is proven equal on the same captures (test/check).
 */
import * as fs from "fs";
import * as path from "path";
import type { Mode } from "../check/capture";
import type { CheckResult } from "../check/run";
import { repoPackDir } from "./grpc";

/** expected.json names the modes as the fixture suite always has: `post-apply` is check's `apply`. */
export type ExpectedMode = "preview" | "post-apply";
export const EXPECTED_MODE: Record<ExpectedMode, Mode> = { preview: "preview", "post-apply": "apply" };

export interface ExpectedViolation {
    policy: string;
    resource: string;
    modes: ExpectedMode[];
    reason: string;
}

export interface Expected {
    seed?: string;
    title: string;
    violations: ExpectedViolation[];
    /** Flaws of the seed that no policy can see. */
    notCaught: { flaw: string; why: string }[];
    /** Findings only `keyguard check` makes (program policies), with the file and line they point at. */
    checkOnly?: { policy: string; resource: string; file: string; line: number; reason: string }[];
}

export interface Fixture {
    /** Short name, e.g. `seeds/000-kms-alias` or `reference-stack`. */
    name: string;
    /** The program's directory (Pulumi.yaml, Pulumi.dev.yaml, index.ts, expected.json). */
    dir: string;
}

export interface FixtureRun {
    fixture: Fixture;
    expected?: Expected;
    check: CheckResult;
}

export interface Run {
    fixtures: FixtureRun[];
    timings: { totalMs: number };
}

/** Every fixture: the seed ports in order, then the reference stack. */
export function listFixtures(root = repoPackDir()): Fixture[] {
    const seedsDir = path.join(root, "fixtures", "seeds");
    const seeds = fs
        .readdirSync(seedsDir)
        .filter((d) => fs.existsSync(path.join(seedsDir, d, "Pulumi.yaml")))
        .sort();
    return [...seeds.map((d) => `seeds/${d}`), "reference-stack"].map((name) => ({ name, dir: path.join(root, "fixtures", name) }));
}

export function readExpected(fixture: Fixture): Expected | undefined {
    const file = path.join(fixture.dir, "expected.json");
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Expected) : undefined;
}

/** Runs `fn` over `items` with at most `limit` at a time, keeping the input order in the result. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
    const results = new Array<R>(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            results[i] = await fn(items[i], i);
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
    return results;
}

export async function runFixtures(opts: { progress?: (line: string) => void; only?: (f: Fixture) => boolean } = {}): Promise<Run> {
    const progress = opts.progress ?? (() => undefined);
    const { runCheck } = await import("../check/run");
    const fixtures = listFixtures().filter(opts.only ?? (() => true));
    const t0 = Date.now();
    let done = 0;
    // One fixture at a time: each runs its two modes side by side, which fills the two cores.
    const runs = await mapLimited(fixtures, 1, async (fixture) => {
        const check = await runCheck({ dir: fixture.dir, modes: ["preview", "apply"], relativeTo: fixture.dir, env: {} });
        const ms = check.captures.map((c) => `${c.mode} ${Math.round(c.ms)} ms`).join(", ");
        progress(`checked ${fixture.name}: ${check.summary.resourcesScanned} resources (${ms}) [${++done}/${fixtures.length}]`);
        return { fixture, expected: readExpected(fixture), check };
    });
    return { fixtures: runs, timings: { totalMs: Date.now() - t0 } };
}
