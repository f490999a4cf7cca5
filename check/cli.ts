/**
 * `keyguard check [DIR]`: runs the Pulumi program in DIR under mocks, as `pulumi up` would see it
 * (every output known) and/or as `pulumi preview` would, and judges what it would deploy with the
 * pack's policies and the program policies. Exit 0 when nothing reaches --fail-on, 1 when
 * something does, 2 when the program cannot be judged (one line on stderr, never a stack trace;
 * KEYGUARD_DEBUG=1 shows it).
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { DEFAULT_TIMEOUT_SECONDS, Mode } from "./capture";
import { CheckError } from "./project";
import type { CheckResult } from "./run";
import type { FailOn, ScanResult } from "../scan/run";

export const EXIT_PASS = 0;
export const EXIT_FAIL = 1;
export const EXIT_ERROR = 2;

const FORMATS = ["text", "json", "sarif", "markdown"] as const;
type Format = (typeof FORMATS)[number];
const FAIL_ON: readonly FailOn[] = ["mandatory", "advisory", "never"];
const MODE_CHOICES = ["apply", "preview", "both"] as const;

export const USAGE = `Usage: keyguard check [DIR] [options]

Runs the Pulumi program in DIR (default: .) under mocks, with no cloud credentials, and judges
what it would deploy with keyguard's policies. Node.js programs (TypeScript or JavaScript,
CommonJS or ESM) run on the program's own @pulumi/pulumi.

Options:
  --mode apply|preview|both           apply: every output known, as \`pulumi up\` sees it (default);
                                      preview: computed outputs unknown, as \`pulumi preview\` does;
                                      both: each finding says the modes it appears in
  --stack NAME                        read Pulumi.NAME.yaml (default: the only stack file)
  --format text|json|sarif|markdown   report format (default: text; coloured on a terminal)
  --config FILE                       policy config, as for --policy-pack-config
  --output FILE                       write the report to FILE instead of standard output
  --fail-on mandatory|advisory|never  what makes the exit code 1 (default: mandatory)
  --mocks FILE                        answers for invokes the mocks do not know: {"<token>": {outputs}}
  --timeout SECONDS                   stop a program that runs longer (default: ${DEFAULT_TIMEOUT_SECONDS})
  --allow-empty                       pass when none of the program's resources is of a type keyguard
                                      judges (default: exit 2, so a wrong program is not a pass)
  --help                              show this help

Exit codes: 0 nothing reached --fail-on; 1 something did; 2 the program could not be judged,
a config error, usage, or nothing to judge.
`;

class UsageError extends Error {}

export interface CheckCliOptions {
    dir: string;
    modes: Mode[];
    stack?: string;
    format: Format;
    config?: string;
    output?: string;
    failOn: FailOn;
    mocks?: string;
    timeoutSeconds: number;
    allowEmpty: boolean;
}

function choice<T extends string>(flag: string, v: string | undefined, choices: readonly T[], fallback: T): T {
    if (v === undefined) return fallback;
    if (!(choices as readonly string[]).includes(v)) throw new UsageError(`--${flag} must be one of ${choices.join(", ")} (got "${v}")`);
    return v as T;
}

/** Options through Node's own parser (util.parseArgs): `--flag value` and `--flag=value`. */
export function parseCheckArgs(argv: readonly string[]): CheckCliOptions | "help" {
    let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
    try {
        parsed = parseArgs({
            args: [...argv],
            allowPositionals: true,
            strict: true,
            options: {
                mode: { type: "string" },
                stack: { type: "string" },
                format: { type: "string" },
                config: { type: "string" },
                output: { type: "string" },
                "fail-on": { type: "string" },
                mocks: { type: "string" },
                timeout: { type: "string" },
                "allow-empty": { type: "boolean" },
                help: { type: "boolean", short: "h" },
            },
        });
    } catch (e) {
        throw new UsageError((e as Error).message.split("\n")[0].split(". To specify")[0]);
    }
    const v = parsed.values as Record<string, string | undefined> & { help?: boolean; "allow-empty"?: boolean };
    if (v.help) return "help";
    for (const [k, value] of Object.entries(v)) if (value === "") throw new UsageError(`--${k} needs a value`);
    if (parsed.positionals.length > 1) throw new UsageError(`one DIR at a time (got ${parsed.positionals.length})`);
    const mode = choice("mode", v.mode, MODE_CHOICES, "apply");
    let timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
    if (v.timeout !== undefined) {
        if (!/^\d{1,6}$/.test(v.timeout) || Number(v.timeout) < 1) throw new UsageError(`--timeout must be a whole number of seconds (got "${v.timeout}")`);
        timeoutSeconds = Number(v.timeout);
    }
    return {
        dir: parsed.positionals[0] ?? ".",
        modes: mode === "both" ? ["preview", "apply"] : [mode],
        ...(v.stack ? { stack: v.stack } : {}),
        format: choice("format", v.format, FORMATS, "text"),
        ...(v.config ? { config: v.config } : {}),
        ...(v.output ? { output: v.output } : {}),
        failOn: choice("fail-on", v["fail-on"], FAIL_ON, "mandatory"),
        ...(v.mocks ? { mocks: v.mocks } : {}),
        timeoutSeconds,
        allowEmpty: v["allow-empty"] === true,
    };
}

/** `--mocks FILE`: a JSON object of token → outputs object. */
export function loadAnswers(file: string): Record<string, Record<string, unknown>> {
    let raw: unknown;
    try {
        raw = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new CheckError(`--mocks ${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
    }
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new CheckError(`--mocks ${file} must be a JSON object of token → outputs`);
    for (const [token, outputs] of Object.entries(raw)) {
        if (typeof outputs !== "object" || outputs === null || Array.isArray(outputs)) throw new CheckError(`--mocks ${file}: the answer for ${token} must be an object of outputs`);
    }
    return raw as Record<string, Record<string, unknown>>;
}

function toolVersion(): string {
    try {
        return (JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string }).version;
    } catch {
        return "0.0.0";
    }
}

async function render(result: CheckResult, opts: CheckCliOptions, colour: boolean): Promise<string> {
    const { formatCheckJson, formatCheckText } = await import("./format");
    const asScan = result as unknown as ScanResult;
    switch (opts.format) {
        case "json":
            return formatCheckJson(result);
        case "sarif": {
            const { formatSarif } = await import("../scan/format-sarif");
            return formatSarif(asScan, { toolVersion: toolVersion(), artifact: path.relative(process.cwd(), result.project.main) });
        }
        case "markdown": {
            const { formatMarkdown } = await import("../scan/format-markdown");
            return formatMarkdown(asScan);
        }
        case "text":
            return formatCheckText(result, colour);
    }
}

function writeStdout(text: string): Promise<void> {
    return new Promise((resolve) => process.stdout.write(text, () => resolve()));
}

async function check(opts: CheckCliOptions): Promise<number> {
    const answers = opts.mocks ? loadAnswers(opts.mocks) : undefined;
    const { loadPackConfig } = await import("../scan/config");
    const configFile = opts.config;
    const config = configFile ? (names: string[]) => loadPackConfig(configFile, names) : {};
    const { runCheck } = await import("./run");
    const result = await runCheck({ dir: opts.dir, stack: opts.stack, modes: opts.modes, answers, timeoutSeconds: opts.timeoutSeconds, config, failOn: opts.failOn, allowEmpty: opts.allowEmpty });
    const { colourFor } = await import("../scan/colour");
    const colour = opts.format === "text" && !opts.output && colourFor(process.stdout);
    const report = await render(result, opts, colour);
    if (opts.output) {
        try {
            fs.writeFileSync(opts.output, report);
        } catch (e) {
            throw new CheckError(`cannot write ${opts.output}: ${(e as Error).message}`);
        }
        const { checkSummaryLine } = await import("./format");
        process.stderr.write(`${checkSummaryLine(result)}\n`);
    } else {
        await writeStdout(report);
    }
    return result.summary.failed ? EXIT_FAIL : EXIT_PASS;
}

/** `keyguard check …`: never throws; errors are one line on stderr and exit code 2. */
export async function main(argv: readonly string[]): Promise<number> {
    try {
        const opts = parseCheckArgs(argv);
        if (opts === "help") {
            await writeStdout(USAGE);
            return EXIT_PASS;
        }
        return await check(opts);
    } catch (e) {
        if (process.env.KEYGUARD_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
        const { ConfigError, errorLines } = await import("../scan/report");
        if (e instanceof ConfigError) {
            process.stderr.write(errorLines("check", e).map((l) => `${l}\n`).join(""));
            return EXIT_ERROR;
        }
        const usage = e instanceof UsageError;
        const known = usage || e instanceof CheckError || (e instanceof Error && e.constructor.name === "InputError");
        const text = (e instanceof Error ? e.message : String(e)).split("\n")[0].slice(0, 600);
        process.stderr.write(`keyguard check: ${known ? "" : "internal error: "}${text}${usage ? " (see keyguard check --help)" : ""}\n`);
        return EXIT_ERROR;
    }
}
