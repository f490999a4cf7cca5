/**
 * Secrets written into a program's source. A value that reaches the engine as a secret is kept out
 * of the state and the logs, but if the program's own files hold it verbatim it is in git for
 * anyone with read access (seed 004: `pulumi.secret('{"password": "very-secr3t-p@ssw0rd"}')`).
 * Plain data in, findings out: the sources and the secret values are given by `keyguard check`.
 */
import type { StackFinding } from "./finding";

/** The resource type under which `keyguard check` hands the program's source files to program policies. */
export const PROGRAM_SOURCE_TYPE = "keyguard:check:ProgramSource";

/** Shorter secrets are not looked for: "true", "default" or a region name would match everywhere. */
export const MIN_LITERAL_LENGTH = 8;
const MAX_CANDIDATES_PER_SECRET = 1000;
const MAX_DEPTH = 32;

export interface SourceFile {
    /** As shown to the user, relative to where check was run. */
    path: string;
    text: string;
}

export interface SecretValue<R> {
    subject: R;
    /** The property path that holds the secret, as shown to users (`dataJson`, `environment.variables.KEY`). */
    property: string;
    value: unknown;
}

/** The strings worth looking for: the value itself, and every string inside it or inside its JSON. */
export function literalsOf(value: unknown): string[] {
    const out = new Set<string>();
    const visit = (v: unknown, depth: number, parseJson: boolean) => {
        if (out.size >= MAX_CANDIDATES_PER_SECRET || depth > MAX_DEPTH) return;
        if (typeof v === "string") {
            if (v.length >= MIN_LITERAL_LENGTH) out.add(v);
            const t = v.trimStart();
            if (parseJson && (t.startsWith("{") || t.startsWith("["))) {
                try {
                    visit(JSON.parse(v), depth + 1, false);
                } catch {
                    // Not JSON: the string itself is the candidate.
                }
            }
        } else if (Array.isArray(v)) {
            for (const x of v) visit(x, depth + 1, parseJson);
        } else if (typeof v === "object" && v !== null) {
            for (const x of Object.values(v)) visit(x, depth + 1, parseJson);
        }
    };
    visit(value, 0, true);
    return [...out];
}

/** Line and column (1-based) of `index` in `text`. */
function position(text: string, index: number): { line: number; column: number } {
    let line = 1;
    let lineStart = 0;
    for (let i = text.indexOf("\n"); i >= 0 && i < index; i = text.indexOf("\n", i + 1)) {
        line++;
        lineStart = i + 1;
    }
    return { line, column: index - lineStart + 1 };
}

export interface LiteralLocation {
    file: string;
    line: number;
    column: number;
}

/** Where the first of `literals` appears in `files`, scanning files in order. */
export function locate(literals: readonly string[], files: readonly SourceFile[]): LiteralLocation | undefined {
    for (const file of files) {
        let best = -1;
        for (const literal of literals) {
            const at = file.text.indexOf(literal);
            if (at >= 0 && (best < 0 || at < best)) best = at;
        }
        if (best >= 0) return { file: file.path, ...position(file.text, best) };
    }
    return undefined;
}

/** One finding per secret property whose value appears in the sources; the value is never shown, only where it is. */
export function secretLiteralsInSource<R>(secrets: readonly SecretValue<R>[], files: readonly SourceFile[]): StackFinding<R>[] {
    const findings: StackFinding<R>[] = [];
    for (const secret of secrets) {
        const literals = literalsOf(secret.value);
        if (literals.length === 0) continue;
        const at = locate(literals, files);
        if (!at) continue;
        findings.push({
            subject: secret.subject,
            code: "secret-in-source",
            problem: "reaches the engine as a secret, but its value is written in the program's source",
            value: `${at.file}:${at.line}`,
            fix: "remove it from the source and its git history (rotate it), then set it with `pulumi config set --secret <key>` and read it with config.requireSecret, or keep it in Pulumi ESC",
            where: { path: secret.property },
        });
    }
    return findings;
}
