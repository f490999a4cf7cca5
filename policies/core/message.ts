/**
 * One form for every violation message:
 *   `<resource>: <where>: <what is wrong> (<value>). Fix: <what to set>.`
 * where `<where>` is the finding's property path and statement label, when it has them.
 * Values are shown compactly and truncated, so a 5 MB document cannot flood a preview.
 */
import type { Finding, FindingLocation } from "./finding";

const MAX_VALUE_CHARS = 160;

/** What JSON cannot show (a function, a symbol, a cycle, a bigint): its kind, or the bigint's digits. */
function unprintable(value: unknown): string {
    return typeof value === "bigint" ? value.toString() : `[${typeof value}]`;
}

function showValue(value: unknown): string {
    let text: string;
    if (value === undefined) text = "not set";
    else if (typeof value === "string") text = JSON.stringify(value.length > MAX_VALUE_CHARS * 2 ? value.slice(0, MAX_VALUE_CHARS * 2) : value);
    else {
        try {
            text = JSON.stringify(value) ?? unprintable(value);
        } catch {
            text = unprintable(value);
        }
    }
    return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

/** `policy statement 2: `, `policy: `, `statement "Admin": ` or nothing: where a finding sits, as the start of its problem. */
function showLocation(where: FindingLocation | undefined): string {
    const parts = [where?.path, where?.statement].filter((p): p is string => !!p);
    return parts.length ? `${parts.join(" ")}: ` : "";
}

/** The trailing period of a fix is the message's own; one written into the fix is dropped (linear: no regex backtracking). */
function withoutTrailingPeriod(text: string): string {
    return text.endsWith(".") ? text.slice(0, -1) : text;
}

export function formatFinding(resource: string, f: Finding): string {
    return `${resource}: ${showLocation(f.where)}${f.problem} (${showValue(f.value)}). Fix: ${withoutTrailingPeriod(f.fix)}.`;
}
