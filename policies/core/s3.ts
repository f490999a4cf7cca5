/**
 * S3 default encryption (SSE) facts and checks, on plain data. No Pulumi here.
 *
 * The same rule appears in three shapes across @pulumi/aws v6 and v7:
 * - `Bucket.serverSideEncryptionConfiguration = {rule: {applyServerSideEncryptionByDefault: {...}, bucketKeyEnabled}}`
 *   (v6 legacy Bucket input; v6/v7 Bucket output). `rule` may also arrive as a list.
 * - `BucketV2.serverSideEncryptionConfigurations = [{rules: [{applyServerSideEncryptionByDefaults: [{...}], bucketKeyEnabled}]}]`
 * - `BucketServerSideEncryptionConfiguration(V2).rules = [{applyServerSideEncryptionByDefault: {...}, bucketKeyEnabled}]`
 * `sseRulesOf` reads any of them, tolerating singular/plural keys and object/list forms.
 * Source: Amazon S3 User Guide, "Setting default server-side encryption behavior for S3 buckets".
 */
import { DEFAULT_KEY_SPEC, DEFAULT_KEY_USAGE, isAwsManagedKeyRef, parseKeyReference } from "./kms";
import type { Finding, StackFinding } from "./finding";
import { isUnknown } from "./wire";

const SSE_KMS = "aws:kms";
const SSE_KMS_DSSE = "aws:kms:dsse";
const SSE_KMS_ALGORITHMS: readonly string[] = [SSE_KMS, SSE_KMS_DSSE];

export type SseShape = "bucket" | "bucketV2" | "config";

/** The top-level property that holds the SSE rules, per shape. */
export const SSE_PROPERTY: Readonly<Record<SseShape, string>> = {
    bucket: "serverSideEncryptionConfiguration",
    bucketV2: "serverSideEncryptionConfigurations",
    config: "rules",
};

export interface SseDefault {
    /** `sseAlgorithm` as given (may be the unknown sentinel or a wrong type). */
    algorithm: unknown;
    /** `kmsMasterKeyId` as given. */
    kmsMasterKeyId: unknown;
}

export interface SseRule {
    /** Where the rule object sits in the props, for remediation: ["rules", 0]. */
    path: (string | number)[];
    bucketKeyEnabled: unknown;
    defaults: SseDefault[];
}

export type SseRules =
    | { state: "absent" }
    /** Some part of the structure is computed (preview): no verdict yet. */
    | { state: "unknown" }
    /** `malformed` holds the values that stood where a rule or a default belongs but were not objects. */
    | { state: "known"; rules: SseRule[]; malformed: unknown[] };

type Bag = Record<string, unknown>;

const isBag = (v: unknown): v is Bag => typeof v === "object" && v !== null && !Array.isArray(v);

/** One level of the structure: an object, or a list of them. */
function entries(value: unknown, path: (string | number)[]): { value: unknown; path: (string | number)[] }[] {
    if (Array.isArray(value)) return value.map((v, i) => ({ value: v, path: [...path, i] }));
    return [{ value, path }];
}

/** Thrown (one instance, no stack to capture) to leave the walk when a value is unknown. */
class Unknown extends Error {}
const UNKNOWN_FOUND = new Unknown("unknown value");

function field(bag: Bag, singular: string, plural: string): { key: string; value: unknown } {
    if (bag[singular] !== undefined && bag[singular] !== null) return { key: singular, value: bag[singular] };
    return { key: plural, value: bag[plural] };
}

/** Reads the SSE rules from the top-level property value of the given shape. Never throws. */
export function sseRulesOf(shape: SseShape, top: unknown): SseRules {
    if (top === undefined || top === null) return { state: "absent" };
    const malformed: unknown[] = [];
    const rules: SseRule[] = [];
    const check = (v: unknown): v is Bag => {
        if (isUnknown(v)) throw UNKNOWN_FOUND;
        if (isBag(v)) return true;
        if (v !== undefined && v !== null) malformed.push(v);
        return false;
    };
    const readRule = (value: unknown, path: (string | number)[], defaultsKeys: [string, string]) => {
        if (!check(value)) return;
        const d = field(value, ...defaultsKeys);
        if (isUnknown(d.value)) throw UNKNOWN_FOUND;
        const defaults: SseDefault[] = [];
        for (const e of entries(d.value, [])) {
            if (check(e.value)) defaults.push({ algorithm: e.value.sseAlgorithm, kmsMasterKeyId: e.value.kmsMasterKeyId });
        }
        rules.push({ path, bucketKeyEnabled: value.bucketKeyEnabled, defaults });
    };
    const prop = SSE_PROPERTY[shape];
    try {
        if (shape === "config") {
            if (isUnknown(top)) throw UNKNOWN_FOUND;
            for (const e of entries(top, [prop])) readRule(e.value, e.path, ["applyServerSideEncryptionByDefault", "applyServerSideEncryptionByDefaults"]);
        } else {
            for (const c of entries(top, [prop])) {
                if (!check(c.value)) continue;
                const r = field(c.value, "rule", "rules");
                if (isUnknown(r.value)) throw UNKNOWN_FOUND;
                if (r.value === undefined || r.value === null) continue;
                for (const e of entries(r.value, [...c.path, r.key])) readRule(e.value, e.path, ["applyServerSideEncryptionByDefault", "applyServerSideEncryptionByDefaults"]);
            }
        }
    } catch (e) {
        if (e === UNKNOWN_FOUND) return { state: "unknown" };
        throw e;
    }
    return { state: "known", rules, malformed };
}

/** S3 default encryption accepts only symmetric encryption keys. */
export function isSymmetricEncryptionKey(spec: unknown, usage: unknown): boolean {
    return spec === DEFAULT_KEY_SPEC && usage === DEFAULT_KEY_USAGE;
}

/** One place a bucket's default encryption is declared: inline on the bucket, or a separate resource. */
export interface SseSource {
    /** How messages name the place: "serverSideEncryptionConfiguration" or "BucketServerSideEncryptionConfiguration logs-sse". */
    where: string;
    rules: SseRules;
}

/** A KMS key found in the stack for a rule's kmsMasterKeyId; `undefined` shape while it is computed. */
export interface StackKey {
    name: string;
    shape: { spec: unknown; usage: unknown } | undefined;
}

const CMK_FIX = 'set sseAlgorithm "aws:kms" with kmsMasterKeyId set to a customer-managed KMS key';

const NO_ENCRYPTION_FIX =
    'add an aws.s3.BucketServerSideEncryptionConfiguration for this bucket with sseAlgorithm "aws:kms" and kmsMasterKeyId set to a customer-managed KMS key';

/**
 * Judges a bucket's default encryption from every place it is declared. Returns undefined when
 * something that decides the verdict is still computed (preview): no verdict, no noise.
 * `keyOf` finds the stack's KMS key for a rule's kmsMasterKeyId, if the key is in the stack.
 */
export function sseKmsFindings<S extends SseSource>(sources: readonly S[], keyOf: KeyOf<S>): Finding[] | undefined {
    if (sources.length === 0) {
        return [{ code: "no-encryption", problem: "no default encryption with a customer-managed KMS key", value: undefined, fix: NO_ENCRYPTION_FIX }];
    }
    const findings: Finding[] = [];
    for (const source of sources) {
        const { rules } = source;
        if (rules.state === "unknown") return undefined;
        const defaults = rules.state === "known" ? rules.rules.flatMap((r) => r.defaults) : [];
        if (defaults.some((d) => isUnknown(d.algorithm))) return undefined;
        if (defaults.length === 0) {
            const value = rules.state === "known" ? rules.malformed[0] : undefined;
            findings.push({ code: "no-default-rule", problem: `${source.where} has no applyServerSideEncryptionByDefault rule`, value, fix: CMK_FIX });
            continue;
        }
        for (const d of defaults) {
            const finding = judgeDefault(source, d, keyOf);
            if (finding) findings.push(finding);
        }
    }
    return findings;
}

type KeyOf<S> = (source: S, kmsMasterKeyId: unknown) => StackKey | undefined;

/** A bucket and the places its default encryption may be declared. */
export interface BucketSse<R, S extends SseSource> {
    subject: R;
    /** The separate configuration resources (BucketServerSideEncryptionConfiguration) that target the bucket. */
    configs: readonly S[];
    /** The bucket's own inline configuration. */
    inline: S;
}

/**
 * The sources that decide a bucket's default encryption: its separate configuration resources when
 * it has any (what AWS ends up with: the bucket's own output, S3's default AES256 after apply, is
 * superseded), else its inline configuration when it declares one.
 */
export function effectiveSseSources<S extends SseSource>(configs: readonly S[], inline: S): readonly S[] {
    if (configs.length) return configs;
    return inline.rules.state === "absent" ? [] : [inline];
}

/**
 * s3-bucket-sse-kms's rule over the stack's buckets. `untraceableConfig`: the stack holds an SSE
 * configuration whose target is computed and not traceable to a bucket, so a bucket with no
 * configuration of its own may be that one's: no verdict on it.
 */
export function bucketSseFindings<R, S extends SseSource>(buckets: readonly BucketSse<R, S>[], untraceableConfig: boolean, keyOf: KeyOf<S>): StackFinding<R>[] {
    const findings: StackFinding<R>[] = [];
    for (const bucket of buckets) {
        if (bucket.configs.length === 0 && untraceableConfig) continue;
        for (const f of sseKmsFindings(effectiveSseSources(bucket.configs, bucket.inline), keyOf) ?? []) findings.push({ ...f, subject: bucket.subject });
    }
    return findings;
}

/**
 * The key reference a bucket's SSE-KMS default encryption names, with the source that names it:
 * the first KMS default of its effective sources. "unknown" while that cannot be told (preview);
 * undefined when the bucket does not encrypt with KMS.
 */
export function sseKmsKeyReference<S extends SseSource>(sources: readonly S[]): { source: S; kmsMasterKeyId: unknown } | "unknown" | undefined {
    for (const source of sources) {
        if (source.rules.state === "unknown") return "unknown";
        if (source.rules.state === "absent") continue;
        for (const d of source.rules.rules.flatMap((r) => r.defaults)) {
            if (isUnknown(d.algorithm)) return "unknown";
            if (typeof d.algorithm === "string" && SSE_KMS_ALGORITHMS.includes(d.algorithm)) return { source, kmsMasterKeyId: d.kmsMasterKeyId };
        }
    }
    return undefined;
}

function judgeDefault<S extends SseSource>(source: S, d: SseDefault, keyOf: KeyOf<S>): Finding | undefined {
    const prefix = `default encryption in ${source.where}`;
    if (typeof d.algorithm !== "string" || !SSE_KMS_ALGORITHMS.includes(d.algorithm)) {
        return { code: "not-sse-kms", problem: `${prefix} is not SSE-KMS`, value: d.algorithm, fix: CMK_FIX };
    }
    const keyId = d.kmsMasterKeyId;
    const keyFix = "set kmsMasterKeyId to the ARN of a customer-managed KMS key";
    if (keyId === undefined || keyId === null || keyId === "" || (typeof keyId === "string" && isAwsManagedKeyRef(keyId))) {
        return { code: "aws-managed-key", problem: `${prefix} uses an AWS managed key, not a customer-managed key`, value: keyId ?? undefined, fix: keyFix };
    }
    if (typeof keyId !== "string" || !parseKeyReference(keyId)) {
        return { code: "malformed-key-id", problem: `${prefix} has a kmsMasterKeyId that is not a key ID, ARN or alias`, value: keyId, fix: keyFix };
    }
    const key = keyOf(source, keyId);
    if (key?.shape && !isSymmetricEncryptionKey(key.shape.spec, key.shape.usage)) {
        return {
            code: "not-symmetric-key",
            problem: `${prefix} uses KMS key ${key.name}, which is not a symmetric ENCRYPT_DECRYPT key`,
            value: `${String(key.shape.spec)} ${String(key.shape.usage)}`,
            fix: "set kmsMasterKeyId to a SYMMETRIC_DEFAULT ENCRYPT_DECRYPT key (S3 supports only symmetric keys)",
        };
    }
    return undefined;
}

/** The rules of a KMS default encryption that do not turn S3 Bucket Keys on; DSSE-KMS does not support Bucket Keys. */
export function rulesWithoutBucketKey(rules: SseRules): SseRule[] {
    if (rules.state !== "known") return [];
    return rules.rules.filter((r) => r.defaults.some((d) => d.algorithm === SSE_KMS) && !isUnknown(r.bucketKeyEnabled) && r.bucketKeyEnabled !== true);
}

/** `["rules", 0]` → `rules[0]`: a rule's place as a user writes it. */
function showPath(path: readonly (string | number)[]): string {
    return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i ? `.${p}` : p)).join("");
}

/** s3-bucket-key-enabled's rule: every SSE-KMS rule turns S3 Bucket Keys on. */
export function bucketKeyFindings(rules: SseRules): Finding[] {
    return rulesWithoutBucketKey(rules).map((rule) => ({
        code: "bucket-key-off",
        problem: `SSE-KMS rule ${showPath(rule.path)} does not turn on S3 Bucket Keys`,
        value: rule.bucketKeyEnabled,
        fix: `set bucketKeyEnabled: true on ${showPath(rule.path)}`,
    }));
}

/**
 * s3-bucket-key-enabled's remediation: the top property's value with `bucketKeyEnabled: true` on
 * every rule that lacks it. Only the containers along each rule's path are copied; everything off
 * them (secrets included) is shared, so it is re-sent as it came. Undefined when a container on a
 * path is not a plain object or list (a secret-wrapped rule would come back in plaintext).
 */
export function withBucketKeys(top: unknown, rules: SseRules): unknown {
    const missing = rulesWithoutBucketKey(rules);
    if (missing.length === 0) return undefined;
    let value = top;
    for (const rule of missing) {
        value = withBucketKey(value, rule.path.slice(1));
        if (value === undefined) return undefined;
    }
    return value;
}

function withBucketKey(container: unknown, path: readonly (string | number)[]): unknown {
    if (typeof container !== "object" || container === null || Object.getPrototypeOf(container) !== (Array.isArray(container) ? Array.prototype : Object.prototype)) return undefined;
    const copy = (Array.isArray(container) ? [...container] : { ...container }) as Record<string | number, unknown>;
    if (path.length === 0) {
        copy.bucketKeyEnabled = true;
        return copy;
    }
    const inner = withBucketKey(copy[path[0]], path.slice(1));
    if (inner === undefined) return undefined;
    copy[path[0]] = inner;
    return copy;
}
