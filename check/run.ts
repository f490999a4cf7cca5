/**
 * `keyguard check` end to end, as a library: load the project, run the program under mocks in
 * each mode asked for (child processes), and judge each capture through the same door as
 * `keyguard scan` (scan/run.ts, the pack's own policy objects in process). The program policies
 * (catalog level check-only) are judged the same way, with the program's source files added.
 */
import * as fs from "fs";
import * as path from "path";
import type { PackConfig } from "../harness/in-process";
import { PROGRAM_SOURCE_TYPE, SourceFile } from "../policies/core/source-literals";
import type { KeyguardPolicy } from "../policies/lib/define";
import type { ScanResource } from "../scan/input";
import type { FailOn, ScanResult, Violation } from "../scan/run";
import { orderFindings } from "../scan/report";
import { Capture, captureProgram, Mode, MODES } from "./capture";
import { CheckError, loadProject, Project, shownPath } from "./project";

export interface CheckOptions {
    dir: string;
    stack?: string;
    modes: readonly Mode[];
    /** `--mocks FILE`, parsed. */
    answers?: Record<string, Record<string, unknown>>;
    timeoutSeconds?: number;
    /** Policy config, or how to read it once the policy names are loaded (`--config FILE`). */
    config?: PackConfig | ((policyNames: string[]) => PackConfig);
    failOn?: FailOn;
    /** Source paths in findings are relative to this (default: the working directory). */
    relativeTo?: string;
    env?: NodeJS.ProcessEnv;
    /** `--allow-empty`: pass a program none of whose resources is of a type a running policy judges. */
    allowEmpty?: boolean;
}

export interface CheckViolation extends Violation {
    /** The modes the finding appears in. */
    modes: Mode[];
}

export interface CheckResult extends Omit<ScanResult, "violations"> {
    project: Project;
    violations: CheckViolation[];
    captures: Capture[];
    /** Each mode's own verdicts, before they were merged. */
    byMode: Partial<Record<Mode, ScanResult>>;
}

const SOURCE_EXTENSIONS = new Set([".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".json", ".yaml", ".yml"]);
const DATA_EXTENSIONS = new Set([".json", ".yaml", ".yml"]);
const SKIP_DIRS = new Set(["node_modules", ".git", "dist", "bin", "build", "out", "coverage", ".pulumi"]);
const MAX_SOURCE_BYTES = 16 * 1024 * 1024;
const MAX_FILE_BYTES = 2 * 1024 * 1024;

/**
 * The program's own files: source and data files under its directory, outside dependencies and
 * build output, bounded in size. Paths are relative to `relativeTo`.
 */
export function readSources(dir: string, relativeTo: string): SourceFile[] {
    const files: SourceFile[] = [];
    let total = 0;
    const visit = (d: string, depth: number) => {
        if (depth > 16) return;
        let entries: fs.Dirent[];
        try {
            entries = fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        } catch {
            return;
        }
        for (const e of entries) {
            const full = path.join(d, e.name);
            if (e.isDirectory()) {
                if (!SKIP_DIRS.has(e.name) && !e.name.startsWith(".")) visit(full, depth + 1);
            } else if (e.isFile() && SOURCE_EXTENSIONS.has(path.extname(e.name)) && e.name !== "package-lock.json") {
                const size = fs.statSync(full).size;
                if (size > MAX_FILE_BYTES || total + size > MAX_SOURCE_BYTES) continue;
                total += size;
                files.push({ path: shownPath(full, relativeTo).split(path.sep).join("/"), text: fs.readFileSync(full, "utf8") });
            }
        }
    };
    visit(dir, 0);
    // Code first: a literal is reported where the program writes it, before any data file repeating it.
    const isData = (f: SourceFile) => DATA_EXTENSIONS.has(path.extname(f.path));
    return [...files.filter((f) => !isData(f)), ...files.filter(isData)];
}

function stackUrnOf(project: Project): string {
    return `urn:pulumi:${project.stack}::${project.name}::pulumi:pulumi:Stack::${project.name}-${project.stack}`;
}

/** The finding's value `("<file>:<line>")`, where a program policy says the problem is. */
function literalSite(message: string): { uri: string; line: number } | undefined {
    const m = /\("([^"\n]{1,1000}):(\d{1,9})"\)\. Fix: /.exec(message);
    return m ? { uri: m[1], line: Number(m[2]) } : undefined;
}

/** Two verdicts over one program (pack policies, program policies) as one. */
function combine(a: ScanResult, b: ScanResult): ScanResult {
    const s = (k: "violations" | "mandatory" | "advisory" | "exempted" | "notApplicable" | "policiesRun") => a.summary[k] + b.summary[k];
    return {
        violations: [...a.violations, ...b.violations],
        exempted: [...a.exempted, ...b.exempted],
        policies: [...a.policies, ...b.policies],
        summary: {
            ...a.summary,
            violations: s("violations"),
            mandatory: s("mandatory"),
            advisory: s("advisory"),
            exempted: s("exempted"),
            notApplicable: s("notApplicable"),
            policiesRun: s("policiesRun"),
            failed: a.summary.failed || b.summary.failed,
        },
    };
}

/** Judges one capture: the pack's policies as scan runs them, then the program policies with the sources. */
export async function judgeProgram(project: Project, resources: readonly ScanResource[], sources: readonly SourceFile[], opts: { config?: PackConfig; failOn?: FailOn } = {}): Promise<ScanResult> {
    const { policies, programPolicies } = await import("../policies");
    const { runScan } = await import("../scan/run");
    const config = opts.config ?? {};
    const failOn = opts.failOn ?? "mandatory";
    const stackUrn = stackUrnOf(project);
    const input = { kind: "program" as const, resources: [...resources], total: resources.length, stackUrn };
    const pack = await runScan(input, policies, config, failOn);
    const source: ScanResource = { type: PROGRAM_SOURCE_TYPE, name: "program-source", urn: `${stackUrn}$${PROGRAM_SOURCE_TYPE}::program-source`, props: { files: sources.map((f) => ({ ...f })) } };
    const program = await runScan({ ...input, resources: [...resources, source] }, programPolicies as KeyguardPolicy[], config, failOn);
    for (const v of program.violations) {
        const site = literalSite(v.message);
        if (site) v.source = site;
    }
    // The synthetic source resource is not one of the program's resources.
    program.summary.resourcesScanned = pack.summary.resourcesScanned;
    return combine(pack, program);
}

/** One entry per finding across modes: the same finding in both modes is listed once, with both. */
export function mergeModes(byMode: Partial<Record<Mode, ScanResult>>): CheckViolation[] {
    const out: CheckViolation[] = [];
    const exact = new Map<string, CheckViolation>();
    const byPair = new Map<string, CheckViolation>();
    // Apply first: its messages carry the real values, so they are the ones shown.
    for (const mode of ["apply", "preview"] as const) {
        for (const v of byMode[mode]?.violations ?? []) {
            const key = `${v.policy}\u0000${v.urn}\u0000${v.message}`;
            const pair = `${v.policy}\u0000${v.urn}`;
            const same = exact.get(key) ?? (mode === "preview" ? byPair.get(pair) : undefined);
            if (same) {
                if (!same.modes.includes(mode)) same.modes.push(mode);
                continue;
            }
            const entry: CheckViolation = { ...v, modes: [mode] };
            exact.set(key, entry);
            if (!byPair.has(pair)) byPair.set(pair, entry);
            out.push(entry);
        }
    }
    for (const v of out) v.modes.sort((a, b) => MODES.indexOf(a) - MODES.indexOf(b));
    return out;
}

export async function runCheck(opts: CheckOptions): Promise<CheckResult> {
    const project = loadProject(opts.dir, { stack: opts.stack, env: opts.env });
    const relativeTo = opts.relativeTo ?? process.cwd();
    if (opts.modes.length === 0) throw new CheckError("no mode to run");
    // The machine's cores run the modes side by side; each is one Node process. The policies load
    // here meanwhile (the children are already running), not after them.
    const running = Promise.all(opts.modes.map((mode) => captureProgram({ project, mode, answers: opts.answers, relativeTo }, { timeoutSeconds: opts.timeoutSeconds })));
    let config: PackConfig;
    try {
        const { policies, programPolicies } = await import("../policies");
        config = typeof opts.config === "function" ? opts.config([...policies, ...programPolicies].map((p) => p.name)) : (opts.config ?? {});
        // A config mistake is a config error, said once per policy (exit 2), as in scan: never a verdict.
        const { assertValidConfig } = await import("../scan/gates");
        assertValidConfig([...policies, ...programPolicies], config);
    } catch (e) {
        await running.catch(() => undefined);
        throw e;
    }
    const captures = await running;
    const registered = captures.reduce((n, c) => n + c.resources.length, 0);
    if (registered === 0) throw new CheckError(`the program registered no resources; there is nothing to judge (is ${shownPath(project.main, relativeTo)} the program?)`);
    if (!opts.allowEmpty) {
        // As in scan: a program of only types no running policy judges (another cloud, components)
        // would print PASS having judged nothing. The source policies always run, so they do not count.
        const { policies } = await import("../policies");
        const { runningPolicies } = await import("../scan/run");
        const { nothingToJudge } = await import("../scan/gates");
        const running = runningPolicies(policies, config);
        const widest = captures.reduce((a, b) => (b.resources.length > a.resources.length ? b : a));
        const empty = nothingToJudge(`the program ${shownPath(project.main, relativeTo)}`, widest.resources, running);
        if (empty) throw new CheckError(empty);
    }
    const sources = readSources(project.dir, relativeTo);
    const byMode: Partial<Record<Mode, ScanResult>> = {};
    for (const capture of captures) byMode[capture.mode] = await judgeProgram(project, capture.resources, sources, { config, failOn: opts.failOn });
    const first = byMode[opts.modes[0]]!;
    // Most severe first, as every keyguard report orders findings.
    const violations = orderFindings(mergeModes(byMode));
    const mandatory = violations.filter((v) => v.level === "mandatory").length;
    const advisory = violations.filter((v) => v.level === "advisory").length;
    return {
        project,
        captures,
        byMode,
        violations,
        // The first mode's exempted findings (apply, when it ran): an exemption covers a resource in every mode alike.
        exempted: first.exempted,
        policies: first.policies,
        summary: {
            ...first.summary,
            resourcesScanned: Math.max(...captures.map((c) => c.resources.length)),
            violations: violations.length,
            mandatory,
            advisory,
            failed: Object.values(byMode).some((r) => r!.summary.failed),
        },
    };
}
