#!/usr/bin/env node
/**
 * `keyguard`: the pack's policies outside the engine.
 * - `keyguard scan FILE|-`: a `pulumi stack export` or `pulumi preview --json` artifact, offline,
 *   for CI. Exit 0 when nothing reaches --fail-on, 1 when something does, 2 on bad input, a config
 *   error, usage, or nothing to judge.
 * - `keyguard list`, `keyguard explain POLICY`: what the policies check.
 * Errors are one line on stderr, never a stack trace (KEYGUARD_DEBUG=1 shows it). Everything a gate
 * does the same way (reports, exit codes, config errors, the empty gate) lives in report.ts and
 * gates.ts, so `keyguard check` does it too.
 */
import * as path from "path";
import { keyguardVersion } from "../policies/lib/package-info";
import { colourFor } from "./colour";
import { artifactName, DEFAULT_MAX_MIB, InputError, parseInput, readInput } from "./input";
import { Progress } from "./progress";
import { defaultReports, errorLines, EXIT_ERROR, EXIT_FAIL, EXIT_PASS, Format, REPORT_OPTIONS, ReportRequest, takeReportFlag, UsageError } from "./report";
import type { FailOn, ScanResult } from "./run";

export { EXIT_ERROR, EXIT_FAIL, EXIT_PASS };

const FAIL_ON: readonly FailOn[] = ["mandatory", "advisory", "never"];

const USAGE = `Usage: keyguard <command> [options]

Commands:
  scan FILE|-       judge a \`pulumi stack export\` or \`pulumi preview --json\` file, offline
  check [DIR]       run a Pulumi program under mocks and judge what it would deploy
  list              every policy: level, severity, auto-fix, the resource types it judges
  explain POLICY    what a policy checks, its config, its fix, and an example

\`keyguard <command> --help\` shows a command's options; \`keyguard --version\` the version.
`;

const SCAN_USAGE = `Usage: keyguard scan FILE|- [options]

Judges a \`pulumi stack export\` or \`pulumi preview --json\` file (or standard input, "-")
with keyguard's policies, offline.

Options:
${REPORT_OPTIONS}
  --config FILE                       policy config, as for --policy-pack-config
  --fail-on mandatory|advisory|never  what makes the exit code 1 (default: mandatory)
  --allow-empty                       pass when nothing in the input is of a type keyguard judges
                                      (default: exit 2, so a wrong or empty artifact is not a pass)
  --max-size MiB                      refuse larger inputs (default: ${DEFAULT_MAX_MIB})
  --progress, --no-progress           progress on stderr for inputs that take over a second
                                      (default: only when stderr is a terminal)
  --help                              show this help

Text is coloured on a terminal; NO_COLOR turns that off, FORCE_COLOR=1 on (FORCE_COLOR=0 off).

Exit codes: 0 nothing reached --fail-on; 1 something did; 2 bad input, a config error, usage,
or nothing to judge.
`;

interface ScanOptions {
    file: string;
    reports: ReportRequest;
    config?: string;
    failOn: FailOn;
    maxMiB: number;
    allowEmpty: boolean;
    progress?: boolean;
}

/** Walks `argv`, handing each flag (with a `value()` reader for `--flag VALUE` and `--flag=VALUE`) to `take`. */
function eachArg(argv: readonly string[], positional: (arg: string) => void, take: (flag: string, value: () => string) => void): void {
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "-" || !arg.startsWith("-")) {
            positional(arg);
            continue;
        }
        const eq = arg.indexOf("=");
        const flag = eq > 0 ? arg.slice(0, eq) : arg;
        take(flag, () => {
            const v = eq > 0 ? arg.slice(eq + 1) : argv[++i];
            if (v === undefined || v === "") throw new UsageError(`${flag} needs a value`);
            return v;
        });
    }
}

function parseScanArgs(argv: readonly string[]): ScanOptions {
    const opts: Omit<ScanOptions, "file"> = { reports: defaultReports(), failOn: "mandatory", maxMiB: DEFAULT_MAX_MIB, allowEmpty: false };
    const files: string[] = [];
    eachArg(
        argv,
        (file) => files.push(file),
        (flag, value) => {
            if (takeReportFlag(opts.reports, flag, value)) return;
            switch (flag) {
                case "--fail-on": {
                    const v = value();
                    if (!(FAIL_ON as readonly string[]).includes(v)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(", ")} (got "${v}")`);
                    opts.failOn = v as FailOn;
                    break;
                }
                case "--config":
                    opts.config = value();
                    break;
                case "--max-size": {
                    const v = value();
                    if (!/^\d{1,7}$/.test(v) || Number(v) < 1) throw new UsageError(`--max-size must be a whole number of MiB (got "${v}")`);
                    opts.maxMiB = Number(v);
                    break;
                }
                case "--allow-empty":
                    opts.allowEmpty = true;
                    break;
                case "--progress":
                case "--no-progress":
                    opts.progress = flag === "--progress";
                    break;
                default:
                    throw new UsageError(`unknown option ${flag}`);
            }
        },
    );
    if (files.length === 0) throw new UsageError("missing FILE (use - for standard input)");
    if (files.length > 1) throw new UsageError(`one FILE at a time (got ${files.length})`);
    return { ...opts, file: files[0] };
}

function writeStdout(text: string): Promise<void> {
    return new Promise((resolve) => process.stdout.write(text, () => resolve()));
}

function mib(bytes: number): string {
    return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

async function scan(opts: ScanOptions): Promise<number> {
    const progress = new Progress(opts.progress ?? process.stderr.isTTY === true, "keyguard scan");
    const text = await readInput(opts.file, opts.maxMiB, (bytes) => progress.update(() => `read ${mib(bytes)} of ${opts.file === "-" ? "standard input" : opts.file}`));
    progress.update(() => `parsing ${mib(text.length)}`);
    const input = parseInput(text);
    // Loaded only now: --help, usage errors and bad input do not pay for loading the SDK.
    const { policies } = await import("../policies");
    const { loadPackConfig } = await import("./config");
    const gates = await import("./gates");
    const { runScan, runningPolicies } = await import("./run");
    const config = opts.config ? loadPackConfig(opts.config, policies.map((p) => p.name)) : {};
    gates.assertValidConfig(policies, config);
    const running = runningPolicies(policies, config);
    const empty = gates.nothingToJudge(opts.file === "-" ? `standard input (${input.kind})` : `${opts.file} (${input.kind})`, input.resources, running);
    if (empty && !opts.allowEmpty) throw new InputError(empty);
    const warning = gates.showSamesWarning(input.steps);
    if (warning) process.stderr.write(`keyguard scan: ${warning}\n`);

    let result: ScanResult;
    try {
        result = await runScan(input, policies, config, opts.failOn, { onProgress: (done, total) => progress.update(() => `judged ${done.toLocaleString("en")} of ${total.toLocaleString("en")} resources`) });
    } catch (e) {
        // The SDK's deserializer recurses; a hostile export can nest deeper than the stack allows.
        if (e instanceof RangeError) throw new InputError(`input nests values too deeply to judge (${e.message})`);
        throw e;
    }
    progress.done((seconds) => `judged ${result.summary.resourcesScanned.toLocaleString("en")} resources in ${seconds} s`);

    const { renderScan } = await import("./render");
    const { summaryLine } = await import("./format-text");
    const { writeReports } = await import("./report");
    const artifact = opts.file === "-" ? artifactName("-") : path.relative(process.cwd(), path.resolve(opts.file));
    await writeReports(result, opts.reports, { render: (r, format: Format, colour) => renderScan(r, format, colour, artifact), summaryLine }, colourFor(process.stdout), (m) => new InputError(m));
    return result.summary.failed ? EXIT_FAIL : EXIT_PASS;
}

async function list(argv: readonly string[]): Promise<number> {
    if (argv.length > 0) throw new UsageError(`keyguard list takes no arguments (got ${argv[0]})`);
    const { policies } = await import("../policies");
    const { listPolicies } = await import("./describe");
    await writeStdout(listPolicies(policies));
    return EXIT_PASS;
}

async function explain(argv: readonly string[]): Promise<number> {
    if (argv.length !== 1) throw new UsageError("keyguard explain takes one policy name; `keyguard list` lists them");
    const { policies } = await import("../policies");
    const policy = policies.find((p) => p.name === argv[0]);
    if (!policy) {
        const { closest } = await import("../policies/core/iam/suggest");
        const near = closest(argv[0], policies.map((p) => p.name));
        throw new UsageError(`no policy "${argv[0]}"${near ? ` (did you mean ${near}?)` : ""}; \`keyguard list\` lists them`);
    }
    const { explainPolicy } = await import("./describe");
    await writeStdout(explainPolicy(policy));
    return EXIT_PASS;
}

const COMMANDS: Record<string, { usage?: string; run(argv: readonly string[]): Promise<number> }> = {
    scan: { usage: SCAN_USAGE, run: (argv) => scan(parseScanArgs(argv)) },
    list: { run: list },
    explain: { run: explain },
};

export async function main(argv: string[]): Promise<number> {
    // `keyguard check` parses its own options (check/cli.ts) and reports its own errors.
    if (argv[0] === "check") return (await import("../check/cli")).main(argv.slice(1));
    const [command, ...rest] = argv;
    if (command === "--version" || command === "-V") {
        await writeStdout(`${keyguardVersion()}\n`);
        return EXIT_PASS;
    }
    if (command === undefined) throw new UsageError("missing command; try `keyguard scan FILE`");
    if (command === "--help" || command === "-h" || command === "help") {
        await writeStdout(USAGE);
        return EXIT_PASS;
    }
    const entry = COMMANDS[command];
    if (!Object.hasOwn(COMMANDS, command) || !entry) throw new UsageError(`unknown command "${command}"; try \`keyguard scan FILE\``);
    if (rest.includes("--help") || rest.includes("-h")) {
        await writeStdout(entry.usage ?? USAGE);
        return EXIT_PASS;
    }
    return entry.run(rest);
}

if (require.main === module) {
    const argv = process.argv.slice(2);
    main(argv).then(
        (code) => {
            process.exitCode = code;
        },
        (e: unknown) => {
            if (process.env.KEYGUARD_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
            const command = argv[0] && Object.hasOwn(COMMANDS, argv[0]) ? argv[0] : "";
            process.stderr.write(errorLines(command || "scan", e).map((l) => `${l}\n`).join(""));
            process.exitCode = EXIT_ERROR;
        },
    );
}
