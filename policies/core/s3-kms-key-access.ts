/**
 * s3-kms-key-access: access that cannot work. A principal allowed to read objects of an SSE-KMS
 * bucket also needs kms:Decrypt on the bucket's key, one allowed to write them kms:GenerateDataKey
 * (and kms:Decrypt, which multipart uploads call), and one allowed secretsmanager:GetSecretValue
 * on a secret under a customer-managed key needs kms:Decrypt on it. Without them S3 and Secrets
 * Manager answer AccessDenied at run time (seed 003's Vault role).
 *
 * Pure: plain stores, keys and principals in, findings out; the adapter gathers them from the
 * stack. A grant counts from any Allow statement of the principal's identity documents, or of the
 * key's policy naming the principal. Conditions and Deny statements are not weighed: the policy
 * speaks only when nothing grants the action at all, so it never calls missing a grant that may exist.
 */
import { StackFinding } from "./finding";
import { globMatch, globsIntersect, parseArn, replaceVariables, resourceGlob } from "./iam/arn";
import { Statement } from "./iam/document";

export interface StackKmsKey {
    /** Logical name, for messages. */
    name: string;
    /**
     * The key's ARN as a glob: the ARN itself once known, else `arn:*:kms:*:*:key/<id>` from its
     * key id (a stack policy sees inputs: `kmsMasterKeyId: key.id` names the id, not the ARN).
     */
    arn: string;
    /** The key policy's statements; empty when it has none (AWS's default policy delegates to IAM). */
    policy: readonly Statement[];
}

export interface EncryptedStore {
    kind: "bucket" | "secret";
    /** Logical name, for messages. */
    name: string;
    /** The bucket's name, or the secret's ARN. */
    id: string;
    /** Other names a Resource may spell: a secret's name. */
    names?: readonly string[];
    key: StackKmsKey;
}

export interface IdentityDocument<R> {
    /** The resource that holds the document: findings are reported on it. */
    holder: R;
    /** Where the document sits on its holder: "policy", "inlinePolicies[0].policy". */
    property: string;
    statements: readonly Statement[];
}

export interface StackPrincipal<R> {
    /** How messages name it: "role ai-worker", "the credentials of Vault role ai-app-role". */
    label: string;
    /** ARNs a key policy may name it by (a role's ARN); empty when none is known. */
    arns: readonly string[];
    documents: readonly IdentityDocument<R>[];
}

type Use = "read" | "write";

/** Which actions make a principal a reader or writer of each kind of store (lower-case, as matched). */
const USES: Record<EncryptedStore["kind"], ReadonlyArray<{ use: Use; actions: readonly string[] }>> = {
    bucket: [
        { use: "read", actions: ["s3:getobject", "s3:getobjectversion"] },
        { use: "write", actions: ["s3:putobject"] },
    ],
    secret: [{ use: "read", actions: ["secretsmanager:getsecretvalue"] }],
};

const DECRYPT = "kms:decrypt";
const GENERATE_DATA_KEY = "kms:generatedatakey";
const ACTION_NAMES: Record<string, string> = { [DECRYPT]: "kms:Decrypt", [GENERATE_DATA_KEY]: "kms:GenerateDataKey" };

function allows(statement: Statement, action: string): boolean {
    if (statement.effect !== "Allow") return false;
    if (statement.notActions) return !statement.notActions.some((p) => globMatch(p.trim().toLowerCase(), action));
    return (statement.actions ?? []).some((p) => globMatch(p.trim().toLowerCase(), action));
}

/**
 * Whether the statement makes its principal a reader or writer by this action: it names it, or a
 * pattern within the service (`s3:Get*`). `*`, `s3:*` and NotAction grant it too, but say nothing
 * of what the workload does with the store (seed 002's `s3:*` for a job that only reads);
 * iam-least-privilege-actions reports those.
 */
function usesAction(statement: Statement, action: string): boolean {
    if (statement.effect !== "Allow" || !statement.actions) return false;
    return statement.actions.some((p) => {
        const pattern = p.trim().toLowerCase();
        return !/^(\*+|[^:]*:\*+)$/.test(pattern) && globMatch(pattern, action);
    });
}

/** Whether the statement's Resource can name the key (its ARN glob). */
function reachesKey(statement: Statement, arn: string): boolean {
    // NotResource grants everything it does not list: counted as a grant (the policy never claims a grant is missing that may exist).
    if (statement.notResources) return true;
    return (statement.resources ?? []).some((r) => r === "*" || globsIntersect(resourceGlob(replaceVariables(r)), arn));
}

/** The literal start of a glob: `ai-data` of `ai-data*`. */
function literalPrefix(text: string): string {
    let end = 0;
    while (end < text.length && text[end] !== "*" && text[end] !== "?") end++;
    return text.slice(0, end);
}

/**
 * Finds the in-stack store a Resource names: one whose name it spells out (`arn:aws:s3:::data/*`,
 * `arn:aws:secretsmanager:…:secret:db-*`), so a bare `*` or `arn:aws:s3:::*` does not make the
 * principal a reader of this particular bucket. Lookups by name, never a scan of the stores.
 */
class StoreLookup {
    private readonly buckets = new Map<string, EncryptedStore>();
    private readonly secrets = new Map<string, EncryptedStore>();

    constructor(stores: readonly EncryptedStore[]) {
        for (const store of stores) {
            if (store.kind === "bucket") this.buckets.set(store.id, store);
            else for (const name of [store.id, ...(store.names ?? [])]) this.secrets.set(name, store);
        }
    }

    named(resource: string): EncryptedStore | undefined {
        const text = replaceVariables(resource);
        const arn = parseArn(text);
        if (!arn) return undefined;
        if (arn.service === "s3") {
            const slash = arn.resource.indexOf("/");
            const bucket = slash < 0 ? literalPrefix(arn.resource) : arn.resource.slice(0, slash);
            const store = this.buckets.get(bucket);
            return store && globsIntersect(arn.resource, `${store.id}/*`) ? store : undefined;
        }
        if (arn.service !== "secretsmanager" || arn.resourceType !== "secret") return undefined;
        const name = literalPrefix(arn.resourceId);
        if (name === "") return undefined;
        // The full ARN (secret.arn), or its name with AWS's random suffix wildcarded (`db-*`, `db*`).
        const store = this.secrets.get(text) ?? this.secrets.get(name) ?? this.secrets.get(name.endsWith("-") ? name.slice(0, -1) : name);
        return store && globMatch(text, store.id) ? store : undefined;
    }
}

/** Whether anything grants the principal `action` on the key: its own documents, or the key policy naming it. */
function keyGrants<R>(principal: StackPrincipal<R>, key: StackKmsKey, action: string): boolean {
    for (const document of principal.documents) {
        for (const s of document.statements) if (allows(s, action) && reachesKey(s, key.arn)) return true;
    }
    // A key policy grants on its own key whatever its Resource says ("*" means this key).
    return key.policy.some((s) => allows(s, action) && (s.principal?.wildcard === true || principal.arns.some((arn) => s.principal?.aws.includes(arn))));
}

/** How a finding describes the access: "read objects of bucket data (s3:GetObject)" and what then fails. */
function describe(store: EncryptedStore, use: Use): { does: string; fails: string } {
    if (store.kind === "secret") return { does: `read secret ${store.name} (secretsmanager:GetSecretValue)`, fails: "GetSecretValue fails" };
    return use === "read"
        ? { does: `read objects of bucket ${store.name} (s3:GetObject)`, fails: "reads fail" }
        : { does: `write objects to bucket ${store.name} (s3:PutObject)`, fails: "writes fail (multipart uploads call kms:Decrypt too)" };
}

/** Every missing KMS grant, reported on each resource holding a document that grants the store access. */
function missingKeyAccess<R>(stores: readonly EncryptedStore[], principals: readonly StackPrincipal<R>[]): StackFinding<R>[] {
    const lookup = new StoreLookup(stores);
    const findings: StackFinding<R>[] = [];
    for (const principal of principals) {
        // What the principal may do to which store, from which documents: one pass over its statements.
        const granted = new Map<EncryptedStore, Map<Use, Set<IdentityDocument<R>>>>();
        for (const document of principal.documents) {
            for (const statement of document.statements) {
                for (const resource of statement.effect === "Allow" ? (statement.resources ?? []) : []) {
                    const store = lookup.named(resource);
                    for (const { use, actions } of store ? USES[store.kind] : []) {
                        if (!actions.some((a) => usesAction(statement, a))) continue;
                        const byUse = granted.get(store!) ?? new Map<Use, Set<IdentityDocument<R>>>();
                        granted.set(store!, byUse);
                        byUse.set(use, (byUse.get(use) ?? new Set()).add(document));
                    }
                }
            }
        }
        for (const [store, byUse] of granted) {
            for (const [use, documents] of byUse) {
                const needs = use === "write" ? [GENERATE_DATA_KEY, DECRYPT] : [DECRYPT];
                const missing = needs.filter((a) => !keyGrants(principal, store.key, a)).map((a) => ACTION_NAMES[a]);
                if (missing.length === 0) continue;
                const { does, fails } = describe(store, use);
                for (const document of documents) {
                    findings.push({
                        subject: document.holder,
                        code: store.kind === "bucket" ? "bucket-key-access-missing" : "secret-key-access-missing",
                        problem: `${document.property} lets ${principal.label} ${does}, which is encrypted under KMS key ${store.key.name}, but nothing allows it ${missing.join(" and ")} on that key, so ${fails} with AccessDenied`,
                        value: missing.join(", "),
                        fix: `allow ${missing.join(" and ")} on the key's ARN (${store.key.name}.arn) for ${principal.label}, in its policy or in the key policy`,
                    });
                }
            }
        }
    }
    return findings;
}

/** The bucket names a document's S3 ARNs spell out literally (`arn:aws:s3:::data-4f1c/*` → data-4f1c). */
export function literalBucketNames(statements: readonly Statement[]): Set<string> {
    const names = new Set<string>();
    for (const statement of statements) {
        for (const resource of statement.resources ?? []) {
            const arn = parseArn(resource);
            const bucket = arn?.service === "s3" && arn.region === "" && arn.account === "" ? arn.resource.split("/")[0] : "";
            if (bucket !== "" && !/[*?$]/.test(bucket)) names.add(bucket);
        }
    }
    return names;
}

/** An encrypted bucket whose name is not among its inputs (auto-named), known by a handle of the adapter's (its URN). */
export interface UnnamedBucket {
    handle: string;
    /** Logical name, for messages. */
    name: string;
    key: StackKmsKey;
}

/**
 * An auto-named bucket's name is an output, which a stack policy does not see; the documents built
 * from `bucket.arn` spell it out and depend on the bucket. A document that depends on exactly one
 * such bucket and names exactly one bucket not otherwise known names that one. A bucket bound to
 * two different names is left out: silence over a guess. `dependsOn` gives the handles a document's
 * value came from.
 */
export function bindUnnamedBuckets<R>(
    unnamed: readonly UnnamedBucket[],
    principals: readonly StackPrincipal<R>[],
    known: ReadonlySet<string>,
    dependsOn: (document: IdentityDocument<R>) => readonly string[],
): EncryptedStore[] {
    if (unnamed.length === 0) return [];
    const byHandle = new Map(unnamed.map((u) => [u.handle, u]));
    const bound = new Map<UnnamedBucket, Set<string>>();
    for (const principal of principals) {
        for (const document of principal.documents) {
            const deps = [...new Set(dependsOn(document))].map((h) => byHandle.get(h)).filter((u): u is UnnamedBucket => u !== undefined);
            if (deps.length !== 1) continue;
            const names = [...literalBucketNames(document.statements)].filter((n) => !known.has(n));
            if (names.length !== 1) continue;
            bound.set(deps[0], (bound.get(deps[0]) ?? new Set()).add(names[0]));
        }
    }
    return [...bound].filter(([, names]) => names.size === 1).map(([u, names]) => ({ kind: "bucket", name: u.name, id: [...names][0], key: u.key }));
}

/**
 * s3-kms-key-access's rule over what the adapter gathered: the named stores, the auto-named
 * buckets (bound to names through the documents that depend on them) and the judged principals.
 */
export function keyAccessFindings<R>(
    stores: readonly EncryptedStore[],
    unnamed: readonly UnnamedBucket[],
    principals: readonly StackPrincipal<R>[],
    dependsOn: (document: IdentityDocument<R>) => readonly string[],
): StackFinding<R>[] {
    const bound = bindUnnamedBuckets(unnamed, principals, new Set(stores.map((s) => s.id)), dependsOn);
    return missingKeyAccess([...stores, ...bound], principals);
}
