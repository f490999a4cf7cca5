/**
 * ARNs as IAM reads them in a policy's Resource: `arn:partition:service:region:account:resource`,
 * where any part may hold `*`/`?` wildcards or policy variables (`${aws:username}`).
 * Source: AWS IAM User Guide, "IAM identifiers" and "IAM JSON policy elements: Resource".
 */
import { isKeyId } from "../kms";

/** AWS partitions, including the isolated (ISO) and European sovereign ones. */
export const PARTITIONS: readonly string[] = ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"];

/** IAM refuses longer resource ARNs. */
export const MAX_ARN_LENGTH = 2048;

export interface Arn {
    readonly partition: string;
    readonly service: string;
    readonly region: string;
    readonly account: string;
    /** Everything after the fifth colon: `key/1234…`, `my-bucket/*`, `role/path/name`. */
    readonly resource: string;
    /** The resource's type where the ARN names one (`key`, `alias`, `role`), else undefined. */
    readonly resourceType?: string;
    readonly resourceId: string;
}

/**
 * Where the first five colons of an ARN are: the one reading of its six parts that parseArn and
 * arnService share. Undefined when the text is no ARN (not `arn:…`, longer than IAM accepts, or
 * fewer than six parts). By index, not split/join/RegExp: every Resource of every judged document
 * passes here.
 */
function arnColons(text: string): [number, number, number, number, number] | undefined {
    if (typeof text !== "string" || !text.startsWith("arn:") || text.length > MAX_ARN_LENGTH) return undefined;
    const c2 = text.indexOf(":", 4);
    const c3 = c2 < 0 ? -1 : text.indexOf(":", c2 + 1);
    const c4 = c3 < 0 ? -1 : text.indexOf(":", c3 + 1);
    const c5 = c4 < 0 ? -1 : text.indexOf(":", c4 + 1);
    return c5 < 0 ? undefined : [3, c2, c3, c4, c5];
}

/**
 * Splits an ARN into its parts; undefined when it does not have the six colon-separated parts.
 * Not cached: splitting by index costs less than looking a fresh string up in a cache of them (each
 * request's documents bring new strings, so the lookup hashes each one anyway), as the pack's
 * profile showed.
 */
export function parseArn(text: string): Arn | undefined {
    const colons = arnColons(text);
    return colons && splitArn(text, colons);
}

/**
 * An ARN's service segment, without building the rest of it: `parseArn(text)?.service`, for the
 * callers that need only that (every Resource of every judged document is matched by service first).
 */
export function arnService(text: string): string | undefined {
    const colons = arnColons(text);
    return colons && text.slice(colons[1] + 1, colons[2]);
}

/** Characters of an ARN's resource type (`key`, `role`, `bucket-name.with_dots`). */
function isResourceTypeChar(c: number): boolean {
    return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;
}

function splitArn(text: string, [c1, c2, c3, c4, c5]: readonly [number, number, number, number, number]): Arn {
    const resource = text.slice(c5 + 1);
    // `type/id` or `type:id`, the type being one or more of [A-Za-z0-9_.-].
    let end = 0;
    while (end < resource.length && isResourceTypeChar(resource.charCodeAt(end))) end++;
    const sep = resource.charCodeAt(end);
    const typed = end > 0 && (sep === 47 || sep === 58);
    return {
        partition: text.slice(c1 + 1, c2),
        service: text.slice(c2 + 1, c3),
        region: text.slice(c3 + 1, c4),
        account: text.slice(c4 + 1, c5),
        resource,
        ...(typed ? { resourceType: resource.slice(0, end), resourceId: resource.slice(end + 1) } : { resourceId: resource }),
    };
}

/**
 * Replaces each policy variable (`${aws:username}`, also `${$}`) with `by`: what
 * `text.replace(/\$\{[^}]*\}/g, by)` does, in linear time. That RegExp rescans to the end from
 * every `${` when no `}` follows, so `${${${…` (120 KB) took 3 s per call (found by fuzz).
 */
export function replaceVariables(text: string, by = "*"): string {
    let out = "";
    let from = 0;
    for (;;) {
        const start = text.indexOf("${", from);
        const end = start < 0 ? -1 : text.indexOf("}", start + 2);
        // No `}` after this `${` means none after any later `${` either.
        if (end < 0) return from === 0 ? text : out + text.slice(from);
        out += text.slice(from, start) + by;
        from = end + 1;
    }
}
const SEGMENT_CHARS = /^[a-z0-9*?-]*$/;

/** What is wrong with an ARN in a Resource, or undefined when it is well formed. Wildcards and policy variables are allowed. */
export function arnProblem(text: string): string | undefined {
    if (text.length > MAX_ARN_LENGTH) return `is longer than the ${MAX_ARN_LENGTH} characters IAM allows`;
    // Policy variables (`${aws:username}`) stand for values known at request time: wildcards here.
    const arn = parseArn(replaceVariables(text));
    if (!arn) return text.startsWith("arn:") ? "does not have the six parts arn:partition:service:region:account:resource" : "is not an ARN";
    const partition = arn.partition;
    if (partition === "" || !PARTITIONS.some((p) => globMatch(partition, p))) return `names an unknown partition (${JSON.stringify(arn.partition)})`;
    if (arn.service === "" || !SEGMENT_CHARS.test(arn.service)) return `names no valid service (${JSON.stringify(arn.service)})`;
    if (!SEGMENT_CHARS.test(arn.region)) return `names no valid region (${JSON.stringify(arn.region)})`;
    const account = arn.account;
    // "aws" is the account of AWS managed policies (arn:aws:iam::aws:policy/…).
    if (account !== "" && account !== "aws" && !/^[0-9*?]+$/.test(account)) return `names no valid account id (${JSON.stringify(arn.account)})`;
    if (account !== "" && /^\d+$/.test(account) && account.length !== 12) return `has an account id that is not 12 digits (${JSON.stringify(arn.account)})`;
    if (arn.resource === "") return "names no resource";
    return undefined;
}

/** In a glob: a run of characters without `/` or `:`, for format variables that name one path segment (`${BucketName}`). */
export const SEGMENT = "\u0002";
/** In a glob: a run of characters without `:`, for a `*` inside one ARN segment. */
export const NO_COLON = "\u0003";

/** Whether a wildcard of this kind can stand for the character `c` (a literal, or `?`). */
function admits(wildcard: string, c: string): boolean {
    if (wildcard === "*" || c === "?") return true;
    return c !== ":" && (wildcard === NO_COLON || c !== "/");
}

const isWildcard = (c: string | undefined) => c === "*" || c === SEGMENT || c === NO_COLON;

/** Whether a glob segment can put a `:` of its own: `*` runs across colons, and `?` may be one. */
const placesColons = (segment: string) => segment.includes("*") || segment.includes("?");

/**
 * Whether two glob patterns can match a common string: `*` any run of characters, `?` one
 * character, NO_COLON a run without `:`, SEGMENT a run without `/` or `:`. Used to ask "can this
 * Resource pattern name a resource of this ARN format?".
 *
 * Leading colon-separated segments that place no colon of their own (no `*`, no `?`) on both sides
 * end where a common string's first colons are, so they are compared pair by pair, and only the
 * rest in one table: six small tables for an ARN instead of one |a|·|b| table (this was the
 * profile's hottest function on policy documents).
 */
export function globsIntersect(a: string, b: string): boolean {
    let i = 0;
    let j = 0;
    for (;;) {
        const ai = a.indexOf(":", i);
        const bj = b.indexOf(":", j);
        if (ai < 0 || bj < 0) break;
        const segmentA = a.slice(i, ai);
        const segmentB = b.slice(j, bj);
        if (placesColons(segmentA) || placesColons(segmentB)) break;
        if (!globsIntersectWhole(segmentA, segmentB)) return false;
        i = ai + 1;
        j = bj + 1;
    }
    return globsIntersectWhole(a.slice(i), b.slice(j));
}

/** Whether a glob has anything but literal characters. */
function hasWildcard(glob: string): boolean {
    for (let i = 0; i < glob.length; i++) if (isWildcard(glob[i]) || glob[i] === "?") return true;
    return false;
}

// The table's two rows, reused: a document asks this question many times over small strings, and
// two fresh arrays per question cost more than the question. Every cell read is written first.
let rowA = new Uint8Array(64);
let rowB = new Uint8Array(64);

/** A character that stands only for itself: neither a wildcard nor `?`. */
const isLiteral = (c: string) => c !== "?" && !isWildcard(c);

/**
 * globsIntersect over both strings whole. Literal characters at either end must agree pairwise
 * (both patterns are anchored there), so they are compared first; what is left is most often a
 * literal against one wildcard (a key id against `${KeyId}`), decided in one pass. Anything else
 * goes to the O(|a|·|b|) table.
 */
export function globsIntersectWhole(a: string, b: string): boolean {
    if (a === b) return true;
    let startA = 0;
    let startB = 0;
    let endA = a.length;
    let endB = b.length;
    while (startA < endA && startB < endB && isLiteral(a[startA]) && isLiteral(b[startB])) {
        if (a[startA] !== b[startB]) return false;
        startA++;
        startB++;
    }
    while (endA > startA && endB > startB && isLiteral(a[endA - 1]) && isLiteral(b[endB - 1])) {
        if (a[endA - 1] !== b[endB - 1]) return false;
        endA--;
        endB--;
    }
    if (startA > 0 || startB > 0 || endA < a.length || endB < b.length) {
        a = a.slice(startA, endA);
        b = b.slice(startB, endB);
    }
    if (a.length === 1 && isWildcard(a)) return admitsAll(a, b);
    if (b.length === 1 && isWildcard(b)) return admitsAll(b, a);
    return globsIntersectTable(a, b);
}

/**
 * Whether one wildcard and a pattern share a string: every literal of the pattern must be one the
 * wildcard can stand for (its own wildcards and `?` can stand for nothing, or for such a character).
 */
function admitsAll(wildcard: string, pattern: string): boolean {
    for (let i = 0; i < pattern.length; i++) if (isLiteral(pattern[i]) && !admits(wildcard, pattern[i])) return false;
    return true;
}

/** globsIntersect by dynamic programming over both strings whole: O(|a|·|b|). The reference the shortcuts above are tested against. */
export function globsIntersectTable(a: string, b: string): boolean {
    if (a === b) return true;
    if (!hasWildcard(a) && !hasWildcard(b)) return false;
    const n = a.length;
    const m = b.length;
    if (rowA.length < m + 2 && m + 2 <= MAX_ARN_LENGTH * 2) {
        rowA = new Uint8Array(2 * (m + 2));
        rowB = new Uint8Array(2 * (m + 2));
    }
    // A hostile length gets rows of its own, not kept.
    const kept = rowA.length >= m + 2;
    // reach[i][j]: the suffixes a[i..] and b[j..] can match a common string. Filled from the ends.
    let next = kept ? rowA : new Uint8Array(m + 2);
    let current = kept ? rowB : new Uint8Array(m + 2);
    for (let i = n; i >= 0; i--) {
        for (let j = m; j >= 0; j--) {
            let ok: boolean;
            if (i === n && j === m) ok = true;
            // a's wildcard ends here, or takes b's next character (a wildcard of b can stand for nothing).
            else if (i < n && isWildcard(a[i])) ok = next[j] === 1 || (j < m && (isWildcard(b[j]) || admits(a[i], b[j])) && current[j + 1] === 1);
            else if (j < m && isWildcard(b[j])) ok = current[j + 1] === 1 || (i < n && admits(b[j], a[i]) && next[j] === 1);
            else if (i < n && j < m && (a[i] === "?" || b[j] === "?" || a[i] === b[j])) ok = next[j + 1] === 1;
            else ok = false;
            current[j] = ok ? 1 : 0;
        }
        [next, current] = [current, next];
    }
    return next[0] === 1;
}

/**
 * A Resource pattern as IAM matches it: a `*` inside an ARN segment stays in that segment, but
 * a `*` that ends a segment can run on across colons (IAM User Guide, "Using wildcards in
 * resource ARNs"): `arn:aws:secretsmanager:*:*:sqlworkbench!*` matches
 * `arn:aws:secretsmanager:us-east-1:111122223333:secret:sqlworkbench!a1b2`.
 */
export function resourceGlob(resource: string): string {
    let out = "";
    for (let i = 0; i < resource.length; i++) {
        const c = resource[i];
        out += c === "*" && i + 1 < resource.length && resource[i + 1] !== ":" && resource[i + 1] !== "*" ? NO_COLON : c;
    }
    return out;
}

/** Whether `pattern` (with `*` and `?`) matches the literal `text`. */
export function globMatch(pattern: string, text: string): boolean {
    // Neither side holding a wildcard (the text then has nothing to escape): plain equality, as the match would find.
    if (!hasWildcard(pattern) && !hasWildcard(text)) return pattern === text;
    return globsIntersect(pattern, text.replace(/[*?]/g, (c) => (c === "*" ? "\u0000" : "\u0001")));
}

/** An ARN format from the action catalog, `arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}`, as a glob. */
export function formatToGlob(format: string): string {
    return replaceVariables(format);
}

/**
 * Whether a Resource (`*`, or an ARN pattern) can name a resource of the given ARN format.
 * Compared part by part, so an S3 ARN fails on the service before its long resource part is
 * compared with anything.
 */
export function resourceMatchesFormat(resource: string, format: string): boolean {
    if (resource === "*") return true;
    const r = parseArn(replaceVariables(resource));
    const f = parseArn(formatToGlob(format));
    if (!r || !f) return false;
    return (
        globsIntersect(r.partition, f.partition) &&
        globsIntersect(r.service, f.service) &&
        globsIntersect(r.region, f.region) &&
        globsIntersect(r.account, f.account) &&
        globsIntersect(r.resource, f.resource)
    );
}

export type KmsResourceKind =
    | "wildcard" // "*"
    | "every-key" // a key ARN with a wildcard key id (`arn:aws:kms:*:*:key/*`), or `arn:aws:kms:…:*`
    | "key-arn" // arn:aws:kms:…:key/<id>
    | "alias-arn" // arn:aws:kms:…:alias/<name>
    | "not-key-arn" // a KMS ARN of neither form (`…:key:<id>`, `…:key/`): IAM never matches it
    | "key-id" // a bare key id: UUID or mrk-…
    | "alias-name" // alias/…
    | "s3-arn"
    | "other-arn"
    | "not-an-arn";

/** Stands for a policy variable while an ARN is classified: a value known at request time, not a wildcard. */
const VARIABLE = "\u0000";

const hasGlob = (text: string) => text.includes("*") || text.includes("?");

/**
 * What a Resource value names, from the point of view of a statement that grants KMS actions.
 * A wildcard in the key id means every key (POLICIES.md: such an ARN counts as `Resource: "*"`).
 * A wildcard only in the Region or account with a fixed key id still names one key id: that is how
 * AWS documents granting a multi-Region key (`arn:aws:kms:*:111122223333:key/mrk-…`).
 */
export function classifyKmsResource(resource: string): KmsResourceKind {
    if (resource === "*") return "wildcard";
    if (isKeyId(resource)) return "key-id";
    if (resource.startsWith("alias/")) return "alias-name";
    // Policy variables may hold colons (`${aws:PrincipalAccount}`): read them as one value before splitting.
    const arn = parseArn(replaceVariables(resource, VARIABLE));
    if (!arn) return "not-an-arn";
    const service = arn.service.toLowerCase();
    if (service === "s3") return "s3-arn";
    if (service !== "kms" && !(hasGlob(service) && globMatch(service, "kms"))) return "other-arn";
    const slash = arn.resource.indexOf("/");
    const type = slash < 0 ? arn.resource : arn.resource.slice(0, slash);
    const id = slash < 0 ? "" : arn.resource.slice(slash + 1);
    if (type === "key" && id !== "") return hasGlob(id) ? "every-key" : "key-arn";
    if (type === "alias" && id !== "") return "alias-arn";
    // `arn:aws:kms:*:*:*`, `…:k*`: a wildcard that reaches every KMS resource, keys included.
    if (hasGlob(type) && globsIntersect(arn.resource, "key/*")) return "every-key";
    return "not-key-arn";
}