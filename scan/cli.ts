#!/usr/bin/env node
/**
 * `keyguard scan FILE|-`: the pack's policies over a `pulumi stack export` or `pulumi preview
 * --json` artifact, offline, for CI. Exit 0 when nothing reaches --fail-on, 1 when something
 * does, 2 on bad input or usage. Errors are one line on stderr, never a stack trace
 * (KEYGUARD_DEBUG=1 shows it).
 */
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_MAX_MIB, InputError, parseInput, readInput } from "./input";
import { loadPackConfig } from "./config";
import { keyguardVersion } from "../policies/lib/package-info";
import type { FailOn, ScanResult } from "./run";
import { formatJson } from "./format-json";
import { formatMarkdown } from "./format-markdown";
import { formatSarif } from "./format-sarif";
import { formatText, summaryLine } from "./format-text";

const FORMATS = ["text", "json", "sarif", "markdown"] as const;
type Format = (typeof FORMATS)[number];
const FAIL_ON: readonly FailOn[] = ["mandatory", "advisory", "never"];

export const EXIT_PASS = 0;
export const EXIT_FAIL = 1;
export const EXIT_ERROR = 2;

const USAGE = `Usage: keyguard scan FILE|- [options]

Judges a \`pulumi stack export\` or \`pulumi preview --json\` file (or standard input, "-")
with keyguard's policies, offline.

Options:
  --format text|json|sarif|markdown   report format (default: text; coloured on a terminal)
  --config FILE                       policy config, as for --policy-pack-config
  --output FILE                       write the report to FILE instead of standard output
  --fail-on mandatory|advisory|never  what makes the exit code 1 (default: mandatory)
  --max-size MiB                      refuse larger inputs (default: ${DEFAULT_MAX_MIB})
  --help                              show this help
  --version                           show keyguard's version

Exit codes: 0 nothing reached --fail-on; 1 something did; 2 bad input or usage.
`;

class UsageError extends Error {}

interface Options {
    file: string;
    format: Format;
    config?: string;
    output?: string;
    failOn: FailOn;
    maxMiB: number;
}

function parseArgs(argv: string[]): Options | "help" | "version" {
    if (argv.includes("--help") || argv.includes("-h")) return "help";
    if (argv[0] === "--version") return "version";
    const [command, ...rest] = argv;
    if (command === undefined) throw new UsageError("missing command; try `keyguard scan FILE`");
    if (command !== "scan") throw new UsageError(`unknown command "${command}"; try \`keyguard scan FILE\``);
    const opts: Partial<Options> = { format: "text", failOn: "mandatory", maxMiB: DEFAULT_MAX_MIB };
    const files: string[] = [];
    for (let i = 0; i < rest.length; i++) {
        const arg = rest[i];
        if (arg === "-" || !arg.startsWith("-")) {
            files.push(arg);
            continue;
        }
        const eq = arg.indexOf("=");
        const flag = eq > 0 ? arg.slice(0, eq) : arg;
        const value = (): string => {
            const v = eq > 0 ? arg.slice(eq + 1) : rest[++i];
            if (v === undefined || v === "") throw new UsageError(`${flag} needs a value`);
            return v;
        };
        switch (flag) {
            case "--format": {
                const v = value();
                if (!(FORMATS as readonly string[]).includes(v)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")} (got "${v}")`);
                opts.format = v as Format;
                break;
            }
            case "--fail-on": {
                const v = value();
                if (!(FAIL_ON as readonly string[]).includes(v)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(", ")} (got "${v}")`);
                opts.failOn = v as FailOn;
                break;
            }
            case "--config":
                opts.config = value();
                break;
            case "--output":
                opts.output = value();
                break;
            case "--max-size": {
                const v = value();
                if (!/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(`--max-size must be a whole number of MiB (got "${v}")`);
                opts.maxMiB = Number(v);
                break;
            }
            default:
                throw new UsageError(`unknown option ${flag}`);
        }
    }
    if (files.length === 0) throw new UsageError("missing FILE (use - for standard input)");
    if (files.length > 1) throw new UsageError(`one FILE at a time (got ${files.length})`);
    return { ...(opts as Options), file: files[0] };
}

function render(result: ScanResult, opts: Options, colour: boolean): string {
    switch (opts.format) {
        case "json":
            return formatJson(result);
        case "sarif":
            return formatSarif(result, { toolVersion: keyguardVersion(), artifact: opts.file === "-" ? undefined : path.relative(process.cwd(), path.resolve(opts.file)) });
        case "markdown":
            return formatMarkdown(result);
        case "text":
            return formatText(result, colour);
    }
}

function writeStdout(text: string): Promise<void> {
    return new Promise((resolve) => process.stdout.write(text, () => resolve()));
}

export async function main(argv: string[]): Promise<number> {
    // `keyguard check` parses its own options (check/cli.ts) and reports its own errors.
    if (argv[0] === "check") return (await import("../check/cli")).main(argv.slice(1));
    const parsed = parseArgs(argv);
    if (parsed === "help") {
        await writeStdout(USAGE);
        return EXIT_PASS;
    }
    if (parsed === "version") {
        await writeStdout(`${keyguardVersion()}\n`);
        return EXIT_PASS;
    }
    const input = parseInput(await readInput(parsed.file, parsed.maxMiB));
    // Loaded only now: --help, usage errors and bad input do not pay for loading the SDK.
    const { policies } = await import("../policies");
    const { runScan } = await import("./run");
    const config = parsed.config ? loadPackConfig(parsed.config, policies.map((p) => p.name)) : {};
    let result: ScanResult;
    try {
        result = await runScan(input, policies, config, parsed.failOn);
    } catch (e) {
        // The SDK's deserializer recurses; a hostile export can nest deeper than the stack allows.
        if (e instanceof RangeError) throw new InputError(`input nests values too deeply to judge (${e.message})`);
        throw e;
    }
    const colour = parsed.format === "text" && !parsed.output && process.stdout.isTTY === true && !process.env.NO_COLOR;
    const report = render(result, parsed, colour);
    if (parsed.output) {
        try {
            fs.writeFileSync(parsed.output, report);
        } catch (e) {
            throw new InputError(`cannot write ${parsed.output}: ${(e as Error).message}`);
        }
        // The report went to a file; the log still says what happened.
        process.stderr.write(`${summaryLine(result)}\n`);
    } else {
        await writeStdout(report);
    }
    return result.summary.failed ? EXIT_FAIL : EXIT_PASS;
}

function oneLine(e: unknown): string {
    const text = e instanceof Error ? e.message : String(e);
    return text.split("\n")[0].slice(0, 500);
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => {
            process.exitCode = code;
        },
        (e: unknown) => {
            if (process.env.KEYGUARD_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
            const usage = e instanceof UsageError;
            const known = usage || e instanceof InputError;
            process.stderr.write(`keyguard scan: ${known ? "" : "internal error: "}${oneLine(e)}${usage ? " (see keyguard --help)" : ""}\n`);
            process.exitCode = EXIT_ERROR;
        },
    );
}
