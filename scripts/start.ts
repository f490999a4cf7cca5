/**
 * `npm start`: the pack at work on real programs. Runs `keyguard check` on every fixture (the five
 * seed ports and the reference stack) in both modes, as `pulumi preview` and as `pulumi up` see
 * them, and prints a report. `--json` prints the same as JSON. Progress goes to stderr. It is a
 * demo, not a gate: it exits 0 whatever it finds.
 */
import type { Mode } from "../check/capture";
import { MODES } from "../check/capture";
import type { CheckViolation } from "../check/run";
import { Run, runFixtures } from "../harness/run-fixtures";
import { colourFor, painter } from "../scan/colour";

type Level = CheckViolation["level"];
type Severity = "critical" | "high" | "medium" | "low";

export interface ReportViolation {
    policy: string;
    resource: string;
    level: Level;
    message: string;
    severity?: Severity;
    /** The program line that declared the resource (or, for a program policy, where the problem is). */
    source?: string;
    /** The modes it was reported in: preview, apply, or both. */
    modes: Mode[];
}

export interface ReportFixture {
    name: string;
    title?: string;
    violations: ReportViolation[];
    /** Flaws of the seed that no policy can see, from expected.json. */
    notCaught: { flaw: string; why: string }[];
}

export interface Report {
    fixtures: ReportFixture[];
}

const LEVEL_ORDER: Level[] = ["mandatory", "remediate", "advisory", "disabled"];
const SEVERITY_ORDER: (Severity | undefined)[] = ["critical", "high", "medium", "low", undefined];

function toReport(v: CheckViolation): ReportViolation {
    return {
        policy: v.policy,
        resource: v.name,
        level: v.level,
        message: v.message,
        ...(v.severity ? { severity: v.severity as Severity } : {}),
        ...(v.source ? { source: `${v.source.uri}${v.source.line ? `:${v.source.line}` : ""}` } : {}),
        modes: v.modes,
    };
}

export function buildReport(run: Run): Report {
    return {
        fixtures: run.fixtures.map((f) => ({
            name: f.fixture.name,
            title: f.expected?.title,
            violations: f.check.violations.map(toReport).sort(
                (a, b) =>
                    LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) ||
                    SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
                    a.resource.localeCompare(b.resource) ||
                    a.policy.localeCompare(b.policy),
            ),
            notCaught: f.expected?.notCaught ?? [],
        })),
    };
}

interface Paint {
    red(s: string): string;
    yellow(s: string): string;
    green(s: string): string;
    bold(s: string): string;
    dim(s: string): string;
}

function paint(colour: boolean): Paint {
    const p = painter(colour);
    return { red: (s) => p("red", s), yellow: (s) => p("yellow", s), green: (s) => p("green", s), bold: (s) => p("bold", s), dim: (s) => p("dim", s) };
}

/** `<resource>: <problem> (<value>). Fix: <fix>.` split at the fix, for two readable lines. */
function splitFix(message: string): { problem: string; fix?: string } {
    const at = message.lastIndexOf(". Fix: ");
    return at < 0 ? { problem: message } : { problem: message.slice(0, at + 1), fix: message.slice(at + 2) };
}

function count(f: ReportFixture, level: Level): number {
    return f.violations.filter((v) => v.level === level).length;
}

export function renderText(report: Report, colour: boolean): string {
    const p = paint(colour);
    const out: string[] = [];
    const mark = (level: Level) => (level === "advisory" ? p.yellow("!") : p.red("✖"));
    for (const f of report.fixtures) {
        out.push(p.bold(f.name) + (f.title ? p.dim(`  ${f.title}`) : ""));
        if (f.violations.length === 0) out.push(`  ${p.green("✔")} no violations`);
        for (const level of LEVEL_ORDER) {
            const group = f.violations.filter((v) => v.level === level);
            if (group.length === 0) continue;
            const heading = `${level} (${group.length})`;
            out.push(`  ${level === "advisory" ? p.yellow(heading) : p.red(heading)}`);
            for (const v of group) {
                const when = v.modes.length === MODES.length ? "" : p.dim(`  [${v.modes.join(", ")} only]`);
                out.push(`    ${mark(v.level)} ${p.bold(v.policy)} ${p.dim(`(${v.severity ?? "unrated"})`)} on ${v.resource}${v.source ? p.dim(` at ${v.source}`) : ""}${when}`);
                const { problem, fix } = splitFix(v.message);
                out.push(`      ${problem}`);
                if (fix) out.push(`      ${p.green(fix)}`);
            }
        }
        if (f.notCaught.length) {
            out.push(p.dim("  not visible to a policy:"));
            for (const n of f.notCaught) out.push(p.dim(`    - ${n.flaw} (${n.why})`));
        }
        out.push("");
    }
    const width = Math.max("fixture".length, ...report.fixtures.map((f) => f.name.length));
    const row = (name: string, m: string, a: string) => `  ${name.padEnd(width)}  ${m.padStart(9)}  ${a.padStart(8)}`;
    out.push(p.bold("Summary"));
    out.push(p.dim(row("fixture", "mandatory", "advisory")));
    for (const f of report.fixtures) {
        const m = count(f, "mandatory");
        const a = count(f, "advisory");
        out.push(row(f.name, String(m), String(a)).replace(/(\d+)(\s+)(\d+)$/, (_all, mm: string, gap: string, aa: string) => `${m ? p.red(mm) : p.green(mm)}${gap}${a ? p.yellow(aa) : p.green(aa)}`));
    }
    const total = (level: Level) => String(report.fixtures.reduce((n, f) => n + count(f, level), 0));
    out.push(row("total", total("mandatory"), total("advisory")));
    out.push(p.dim("Each program ran under `keyguard check --mode both`: as `pulumi preview` sees it (computed values unknown) and as `pulumi up` does."));
    return out.join("\n") + "\n";
}

export function renderJson(report: Report): string {
    return JSON.stringify(report, null, 2) + "\n";
}

async function main(argv: string[]): Promise<void> {
    const json = argv.includes("--json");
    const colour = !json && colourFor(process.stdout);
    const progress = (line: string) => process.stderr.write(`keyguard: ${line}\n`);
    progress("running keyguard check on every fixture (preview and apply)…");
    const run = await runFixtures({ progress });
    progress(`done in ${(run.timings.totalMs / 1000).toFixed(1)} s`);
    const report = buildReport(run);
    process.stdout.write(json ? renderJson(report) : renderText(report, colour));
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        () => process.exit(0),
        (e: unknown) => {
            // A crash is not a verdict: say so and fail, unlike violations, which exit 0.
            process.stderr.write(`keyguard: the fixture run failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
            process.exit(1);
        },
    );
}
