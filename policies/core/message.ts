/**
 * One form for every violation message:
 *   `<resource>: <what is wrong> (<value>). Fix: <what to set>.`
 * Values are shown compactly and truncated, so a 5 MB document cannot flood a preview.
 */

const MAX_VALUE_CHARS = 160;

export interface Finding {
    /** What is wrong, in a few words: "key rotation is off". */
    problem: string;
    /** The offending value, shown in parentheses. */
    value: unknown;
    /** What to set: "set enableKeyRotation: true". */
    fix: string;
    /** For stack policies: the URN of the resource the finding belongs to. */
    urn?: string;
    /** The resource's display name when it differs from the one being judged (stack policies). */
    resource?: string;
}

export function showValue(value: unknown): string {
    let text: string;
    if (value === undefined) text = "not set";
    else if (typeof value === "string") text = JSON.stringify(value.length > MAX_VALUE_CHARS * 2 ? value.slice(0, MAX_VALUE_CHARS * 2) : value);
    else {
        try {
            text = JSON.stringify(value) ?? String(value);
        } catch {
            text = String(value);
        }
    }
    return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

export function formatFinding(resource: string, f: Finding): string {
    const fix = f.fix.replace(/\.$/, "");
    return `${f.resource ?? resource}: ${f.problem} (${showValue(f.value)}). Fix: ${fix}.`;
}
