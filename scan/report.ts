/**
 * What every keyguard report (scan, and check, which reuses these) does the same way: the order of
 * findings, where a finding is in the program, the exit code, and writing one or several reports
 * in one run (`--format`/`--output` for the main one, `--sarif FILE --markdown FILE --json FILE`).
 */
import * as fs from "fs";
import type { EnforcementLevel } from "@pulumi/policy";
import { InputError, SourceLocation } from "./input";

export const EXIT_PASS = 0;
export const EXIT_FAIL = 1;
export const EXIT_ERROR = 2;

/** A problem with what the user asked for (flags, commands): one line, exit 2. */
export class UsageError extends Error {}

/** The pack config is wrong: one line per policy, naming everything wrong with its entry. Exit 2. */
export class ConfigError extends Error {
    constructor(readonly problems: readonly string[]) {
        super(problems.join("\n"));
    }
}

export const FORMATS = ["text", "json", "sarif", "markdown"] as const;
export type Format = (typeof FORMATS)[number];

/** The fields of a finding the order and the locations need; scan's Violation and check's have them. */
export interface Ordered {
    policy: string;
    severity: string;
    level: EnforcementLevel;
    name: string;
    urn: string;
    message: string;
}

const SEVERITY_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };
const LEVEL_RANK: Record<string, number> = { mandatory: 0, remediate: 0, advisory: 1 };

/** Most severe first, then by policy, level, resource and message: the same order on every run. */
export function compareFindings(a: Ordered, b: Ordered): number {
    return (
        (SEVERITY_RANK[a.severity] ?? 4) - (SEVERITY_RANK[b.severity] ?? 4) ||
        compareText(a.policy, b.policy) ||
        (LEVEL_RANK[a.level] ?? 2) - (LEVEL_RANK[b.level] ?? 2) ||
        compareText(a.name, b.name) ||
        compareText(a.urn, b.urn) ||
        compareText(a.message, b.message)
    );
}

/** Code-point order, not the locale's: reports must not change with the runner's language. */
function compareText(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

export function orderFindings<T extends Ordered>(findings: readonly T[]): T[] {
    return [...findings].sort(compareFindings);
}

/** `index.ts:12:5`, or nothing when the artifact did not record where the resource was declared. */
export function sourceText(source: SourceLocation | undefined): string | undefined {
    if (!source) return undefined;
    return `${source.uri}${source.line ? `:${source.line}` : ""}${source.line && source.column ? `:${source.column}` : ""}`;
}

/** The report files of one run: the main report (`--format`, to `--output` or stdout) and any extra ones. */
export interface ReportRequest {
    format: Format;
    output?: string;
    /** Extra reports, each to its file: `--sarif FILE`, `--markdown FILE`, `--json FILE`, `--text FILE`. */
    extra: { format: Format; file: string }[];
}

export function defaultReports(): ReportRequest {
    return { format: "text", extra: [] };
}

/**
 * Takes a report flag (`--format`, `--output`, `--sarif`, `--markdown`, `--json`, `--text`) with
 * its value into `request`; false for any other flag, so a command's own parser handles it.
 */
export function takeReportFlag(request: ReportRequest, flag: string, value: () => string): boolean {
    switch (flag) {
        case "--format": {
            const v = value();
            if (!(FORMATS as readonly string[]).includes(v)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")} (got "${v}")`);
            request.format = v as Format;
            return true;
        }
        case "--output":
            request.output = value();
            return true;
        case "--sarif":
        case "--markdown":
        case "--json":
        case "--text": {
            const file = value();
            if (file === "-") throw new UsageError(`${flag} takes a file; standard output holds the --format report`);
            request.extra.push({ format: flag.slice(2) as Format, file });
            return true;
        }
        default:
            return false;
    }
}

export const REPORT_OPTIONS = `  --format text|json|sarif|markdown   the main report's format (default: text)
  --output FILE                       write the main report to FILE instead of standard output
  --sarif FILE, --markdown FILE, --json FILE, --text FILE
                                      also write that report to FILE (any number, one run)`;

export interface Renderers<R> {
    render(result: R, format: Format, colour: boolean): string;
    summaryLine(result: R): string;
}

function writeStdout(text: string): Promise<void> {
    return new Promise((resolve) => process.stdout.write(text, () => resolve()));
}

function writeFile(file: string, text: string, fail: (message: string) => Error): void {
    try {
        fs.writeFileSync(file, text);
    } catch (e) {
        throw fail(`cannot write ${file}: ${(e as Error).message}`);
    }
}

/**
 * Writes every requested report. The main one goes to stdout (coloured when `colour` says so)
 * unless `--output` names a file; when none goes to stdout, the summary line goes to stderr, so
 * the log still says what happened.
 */
export async function writeReports<R>(result: R, request: ReportRequest, renderers: Renderers<R>, colour: boolean, fail: (message: string) => Error): Promise<void> {
    for (const { format, file } of request.extra) writeFile(file, renderers.render(result, format, false), fail);
    if (request.output) {
        writeFile(request.output, renderers.render(result, request.format, false), fail);
        process.stderr.write(`${renderers.summaryLine(result)}\n`);
    } else {
        await writeStdout(renderers.render(result, request.format, colour && request.format === "text"));
    }
}

/** The one line (or, for a config error, one line per policy) a failed command leaves on stderr. */
export function errorLines(command: string, e: unknown): string[] {
    const prefix = `keyguard${command ? ` ${command}` : ""}: `;
    if (e instanceof ConfigError) return e.problems.map((p) => `${prefix}config error: ${p.split("\n")[0].slice(0, 1000)}`);
    const text = (e instanceof Error ? e.message : String(e)).split("\n")[0].slice(0, 500);
    if (e instanceof UsageError) return [`${prefix}${text} (see keyguard --help)`];
    if (e instanceof InputError) return [`${prefix}${text}`];
    return [`${prefix}internal error: ${text}`];
}
