/**
 * Exemptions: the pack config's way to accept one finding on one resource, with a reason and an
 * end date (POLICIES.md, conventions). Pure: no Pulumi, no clock (the caller says what day it is).
 *
 *   "exemptions": [{ "resource": "legacy-*", "reason": "migrating in INFRA-42", "expires": "2027-03-31" }]
 *
 * `resource` is a logical name or a URN with `*` wildcards; `reason` is required; `expires` is the
 * last day the exemption works (UTC). Resource tags never exempt: a program must not exempt itself.
 */
import { closest } from "./iam/suggest";

export interface Exemption {
    resource: string;
    reason: string;
    /** The last day (UTC, YYYY-MM-DD) it works; after it the finding is reported again. */
    expires?: string;
}

export interface ParsedExemptions {
    exemptions: Exemption[];
    /** One line per rejected entry, naming it: the entry is not used. */
    problems: string[];
}

/** An exemption's target, matched by name or URN; longer patterns are a mistake, not a resource. */
export const MAX_PATTERN_CHARS = 1024;
const MAX_EXEMPTIONS = 1000;
const FIELDS = ["resource", "reason", "expires"];
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
    const m = DATE.exec(text);
    if (!m) return false;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Today in UTC as YYYY-MM-DD, the form `expires` is compared in. */
export function utcDay(now: Date): string {
    return now.toISOString().slice(0, 10);
}

function describe(value: unknown): string {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** Reads the `exemptions` knob; a bad entry is named and dropped, never half-used. */
export function parseExemptions(raw: unknown): ParsedExemptions {
    if (raw === undefined || raw === null) return { exemptions: [], problems: [] };
    if (!Array.isArray(raw)) return { exemptions: [], problems: [`exemptions must be a list of {"resource", "reason", "expires"} objects (got ${describe(raw)})`] };
    const exemptions: Exemption[] = [];
    const problems: string[] = [];
    if (raw.length > MAX_EXEMPTIONS) problems.push(`exemptions holds ${raw.length} entries; only the first ${MAX_EXEMPTIONS} are used`);
    raw.slice(0, MAX_EXEMPTIONS).forEach((entry: unknown, i) => {
        const where = `exemptions[${i}]`;
        if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
            problems.push(`${where} must be an object {"resource", "reason", "expires"} (got ${describe(entry)})`);
            return;
        }
        const e = entry as Record<string, unknown>;
        const wrong: string[] = [];
        for (const key of Object.keys(e)) {
            if (FIELDS.includes(key)) continue;
            const near = closest(key, FIELDS);
            wrong.push(`unknown field "${key}"${near ? ` (did you mean ${near}?)` : ""}`);
        }
        if (typeof e.resource !== "string" || e.resource.trim() === "") wrong.push("resource must be a resource's logical name or URN (`*` matches any run of characters)");
        else if (e.resource.length > MAX_PATTERN_CHARS) wrong.push(`resource is longer than ${MAX_PATTERN_CHARS} characters`);
        if (typeof e.reason !== "string" || e.reason.trim() === "") wrong.push("reason is required: say why the finding is accepted (an exemption without a reason is not honoured)");
        if (e.expires !== undefined && (typeof e.expires !== "string" || !isIsoDate(e.expires))) wrong.push(`expires must be a date written YYYY-MM-DD (got ${describe(e.expires)})`);
        if (wrong.length > 0) {
            const label = typeof e.resource === "string" ? ` (${describe(e.resource)})` : "";
            problems.push(`${where}${label}: ${wrong.join("; ")}`);
            return;
        }
        exemptions.push({ resource: e.resource as string, reason: (e.reason as string).trim(), ...(e.expires !== undefined ? { expires: e.expires as string } : {}) });
    });
    return { exemptions, problems };
}

/**
 * Whether `text` matches `pattern`, where `*` matches any run of characters (none included) and
 * everything else matches itself. Linear, with no backtracking: the pieces between stars are found
 * left to right, each at its first place after the previous one (the leftmost choice never loses
 * for `*`-only patterns), so no character of `text` is searched twice.
 */
export function wildcardMatch(pattern: string, text: string): boolean {
    const pieces = pattern.split("*");
    if (pieces.length === 1) return pattern === text;
    const head = pieces[0];
    const tail = pieces[pieces.length - 1];
    if (text.length < head.length + tail.length || !text.startsWith(head) || !text.endsWith(tail)) return false;
    const end = text.length - tail.length;
    let at = head.length;
    for (let i = 1; i < pieces.length - 1; i++) {
        const piece = pieces[i];
        if (piece === "") continue;
        const found = text.indexOf(piece, at);
        if (found < 0 || found + piece.length > end) return false;
        at = found + piece.length;
    }
    return true;
}

export interface ExemptionMatch {
    exemption: Exemption;
    /** True when the exemption matched but its last day has passed: the finding is reported again. */
    expired: boolean;
}

/**
 * The exemption covering a finding on `subject` (by logical name or URN) on `today`: a working one
 * first; else an expired one, so the finding can say its exemption ran out; else none.
 */
export function exemptionFor(exemptions: readonly Exemption[], subject: { name: string; urn: string }, today: string): ExemptionMatch | undefined {
    let expired: Exemption | undefined;
    for (const exemption of exemptions) {
        if (!wildcardMatch(exemption.resource, subject.name) && !wildcardMatch(exemption.resource, subject.urn)) continue;
        if (exemption.expires === undefined || exemption.expires >= today) return { exemption, expired: false };
        expired ??= exemption;
    }
    return expired ? { exemption: expired, expired: true } : undefined;
}

/** What an expired exemption adds to its finding's message. */
export function expiredNote(exemption: Exemption): string {
    return `The exemption for this resource expired on ${exemption.expires} (reason given: ${describe(exemption.reason)}); fix the finding or renew the exemption with a later expires.`;
}
