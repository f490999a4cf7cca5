/**
 * Every fixture through the pack: capture each fixture in each mode (child processes, two at a
 * time: the machine has two cores), start the pack as the CLI does, and judge every capture over
 * gRPC. `npm start` and the fixture tests both call this, so they see the same verdicts.
 */
import * as fs from "fs";
import * as path from "path";
import { Capture, captureFixture, Fixture, listFixtures, mapLimited, Mode, MODES } from "./capture";
import { getAnalyzerInfo, PolicyInfo, startPack } from "./grpc";
import { Judgement, judgeCapture } from "./judge";

export interface ExpectedViolation {
    policy: string;
    resource: string;
    modes: Mode[];
    reason: string;
}

export interface Expected {
    seed?: string;
    title: string;
    violations: ExpectedViolation[];
    notCaught: { flaw: string; why: string }[];
}

export interface FixtureRun {
    fixture: Fixture;
    expected?: Expected;
    captures: Record<Mode, Capture>;
    judgements: Record<Mode, Judgement>;
}

export interface Run {
    fixtures: FixtureRun[];
    /** The pack's policies as announced over GetAnalyzerInfo (severity, level, description). */
    policies: PolicyInfo[];
    timings: { captureMs: number; packStartMs: number; judgeMs: number };
}

export function readExpected(fixture: Fixture): Expected | undefined {
    const file = path.join(fixture.dir, "expected.json");
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Expected) : undefined;
}

export async function runFixtures(opts: { concurrency?: number; progress?: (line: string) => void; only?: (f: Fixture) => boolean } = {}): Promise<Run> {
    const progress = opts.progress ?? (() => undefined);
    const fixtures = listFixtures().filter(opts.only ?? (() => true));
    const jobs = fixtures.flatMap((fixture) => MODES.map((mode) => ({ fixture, mode })));
    const t0 = Date.now();
    // The pack starts while the programs run; both are mostly waiting on module loading.
    const packPromise = startPack();
    packPromise.catch(() => undefined);
    let done = 0;
    const captures = await mapLimited(jobs, opts.concurrency ?? 2, async ({ fixture, mode }) => {
        const capture = await captureFixture(fixture, mode);
        progress(`captured ${fixture.name} (${mode}): ${capture.resources.length} resources in ${Math.round(capture.ms)} ms [${++done}/${jobs.length}]`);
        return capture;
    });
    const captureMs = Date.now() - t0;
    const pack = await packPromise;
    progress(`policy pack started on port ${pack.port} in ${Math.round(pack.startupMs)} ms`);
    try {
        const info = await getAnalyzerInfo(pack);
        const t1 = Date.now();
        const runs: FixtureRun[] = [];
        for (const fixture of fixtures) {
            const captureOf = (mode: Mode) => captures[jobs.findIndex((j) => j.fixture === fixture && j.mode === mode)];
            const judgements = {} as Record<Mode, Judgement>;
            for (const mode of MODES) judgements[mode] = await judgeCapture(pack, fixture, captureOf(mode));
            progress(`judged ${fixture.name}`);
            runs.push({ fixture, expected: readExpected(fixture), captures: { preview: captureOf("preview"), "post-apply": captureOf("post-apply") }, judgements });
        }
        return { fixtures: runs, policies: info.policies, timings: { captureMs, packStartMs: pack.startupMs, judgeMs: Date.now() - t1 } };
    } finally {
        await pack.close();
    }
}
