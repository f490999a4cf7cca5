/**
 * Seeded fuzz: every policy, fed hostile wire-format property bags, answers with a well-formed
 * violation or silence. A policy that throws fails the org's whole preview; the builder's guard
 * turns that into a "could not evaluate" diagnostic, so that diagnostic counts as a failure here.
 * The seed is fixed, so a failure reproduces; its message names the seed, policy, case and input.
 */
import { expect } from "chai";
import { performance } from "node:perf_hooks";
import { policies } from "../policies/index";
import type { KeyguardPolicy } from "../policies/lib/define";
import * as deserialize from "@pulumi/policy/deserialize";
import { SIG_KEY, UNKNOWN, isSecretWire, secretWire } from "../policies/core/wire";
import * as types from "../policies/lib/types";
import { Outcome, WireResource, analyzeResource, analyzeStack, findingText, remediateResource, urnOf } from "../harness/in-process";

/** @pulumi/pulumi runtime/rpc.ts specialAssetSig and specialArchiveSig. */
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";

/** Fixed for CI; KEYGUARD_FUZZ_SEED / KEYGUARD_FUZZ_SCALE let a developer explore further, then pin a regression test. */
const SEED = Number(process.env.KEYGUARD_FUZZ_SEED ?? 0x6b657967); // "keyg"
const SCALE = Number(process.env.KEYGUARD_FUZZ_SCALE ?? 1);
/** Random property bags per (policy, resource type); stacks per stack policy. */
const BAGS_PER_TYPE = Math.round(400 * SCALE);
const STACKS_PER_POLICY = Math.round(300 * SCALE);
/** A single policy call slower than this points at a pathological regex or quadratic work. */
const MAX_CALL_MS = 1000;
const MAX_MESSAGE_CHARS = 2000;
/** The violation form of core/message.ts: `<resource>: <problem> (<value>). Fix: <fix>.` */
const MESSAGE_FORM = /^[^\n]+: .+ \(.*\)\. Fix: .+\.$/s;

function mulberry32(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** The property names the policies read (from their sources), plus the nested names of documents and SSE rules. */
const REAL_KEYS = [
    "enableKeyRotation", "rotationPeriodInDays", "keySpec", "customerMasterKeySpec", "keyUsage", "isEnabled", "customKeyStoreId",
    "deletionWindowInDays", "description", "policy", "bypassPolicyLockoutSafetyCheck", "targetKeyId", "name", "namePrefix", "keyId",
    "assumeRolePolicy", "inlinePolicies", "policyDocument", "roleArns", "credentialType",
    "serverSideEncryptionConfiguration", "serverSideEncryptionConfigurations", "rules", "rule", "applyServerSideEncryptionByDefault",
    "applyServerSideEncryptionByDefaults", "sseAlgorithm", "kmsMasterKeyId", "bucketKeyEnabled", "bucket", "id", "expectedBucketOwner",
    "kmsKeyId", "recoveryWindowInDays", "replicas", "region", "secretString", "secretBinary", "secretStringWo",
    "dataJson", "data", "dataJsonWo", "path", "mount", "type", "options", "version", "token", "password", "secretId",
    "defaultLeaseTtlSeconds", "maxLeaseTtlSeconds", "accessKey", "secretKey",
    "boundIamPrincipalArns", "boundAccountIds", "boundIamRoleArns", "boundEc2InstanceIds", "boundVpcIds", "authType", "inferredEntityType",
    "tokenPolicies", "tokenPeriod", "tokenMaxTtl", "tokenExplicitMaxTtl", "role",
    "authLogin", "authLoginUserpass", "authLoginJwt", "authLoginAws", "clientAuth", "address",
];
/**
 * Keys the AI pipeline policies read, given shapes like REAL_KEYS but kept out of that list: other
 * policies pick from REAL_KEYS, and growing it would change every policy's inputs.
 */
const AI_PIPELINE_KEYS = ["environment", "variables", "containerDefinitions", "definition", "userData", "userDataBase64", "value", "kmsKeyArn", "blockDeviceMappings"];
/** The properties each kind of resource is judged on (first matching prefix wins), so bags hit them often. */
const FOCUS: readonly [string, readonly string[]][] = [
    ["aws:iam/role:", ["assumeRolePolicy", "inlinePolicies"]],
    ["aws:iam/", ["policy"]],
    ["aws:kms/keyPolicy:", ["policy", "keyId", "bypassPolicyLockoutSafetyCheck"]],
    ["aws:kms/alias:", ["name", "namePrefix", "targetKeyId"]],
    ["aws:kms/", ["policy", "keySpec", "keyUsage", "customerMasterKeySpec", "enableKeyRotation", "rotationPeriodInDays", "deletionWindowInDays", "description", "isEnabled", "customKeyStoreId", "id"]],
    ["aws:s3/", ["serverSideEncryptionConfiguration", "serverSideEncryptionConfigurations", "rules", "bucket", "id"]],
    ["aws:secretsmanager/", ["kmsKeyId", "secretString", "secretBinary", "replicas", "recoveryWindowInDays", "secretStringWo"]],
    ["vault:aws/secretBackendRole:", ["policyDocument", "credentialType", "roleArns"]],
    ["vault:aws/secretBackend:", ["defaultLeaseTtlSeconds", "maxLeaseTtlSeconds", "accessKey", "secretKey", "path"]],
    ["vault:aws/authBackendRole:", ["boundIamPrincipalArns", "authType", "inferredEntityType", "tokenPolicies", "tokenPeriod", "tokenMaxTtl", "tokenExplicitMaxTtl", "boundAccountIds", "boundIamRoleArns", "boundEc2InstanceIds"]],
    ["vault:index/mount:", ["path", "type", "options"]],
    ["vault:kv/", ["dataJson", "path", "mount", "data"]],
    ["pulumi:providers:vault", ["authLogin", "authLoginUserpass", "authLoginJwt", "authLoginAws", "token", "address"]],
    ["vault:", ["dataJson", "data", "password", "token", "secretId", "path", "secretKey"]],
    ["aws:lambda/", ["environment", "kmsKeyArn"]],
    ["aws:ecs/", ["containerDefinitions"]],
    ["aws:sfn/", ["definition"]],
    ["aws:ec2/", ["userData", "userDataBase64", "blockDeviceMappings"]],
    ["aws:ssm/", ["name", "type", "value", "keyId"]],
    ["aws:", ["kmsKeyId", "kmsMasterKeyId", "kmsKeyArn", "environment", "encrypted"]],
];

function focusOf(type: string): readonly string[] {
    return FOCUS.find(([prefix]) => type.startsWith(prefix))?.[1] ?? [];
}

const DOC_KEYS = ["Version", "Id", "Statement", "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition", "AWS", "Service", "Federated", "__proto__", "constructor", "prototype", "toString", "hasOwnProperty"];
const STRINGS = [
    "", " ", "*", "**", "?", "kms:*", "kms:Decrypt", "kms:Create*", "s3:*", "iam:PassRole", "sts:AssumeRole", "Allow", "Deny", "allow", "2012-10-17", "2008-10-17",
    "arn:aws:iam::", "arn:aws:iam::123456789012:root", "arn:aws:iam::*:role/x", "arn:aws:kms:us-east-1:123456789012:key/abc", "arn:aws:kms:::key/", "arn:",
    "arn:aws:s3:::bucket/*", "alias/aws/s3", "alias/", "alias/my-key", "aws/", "ec2.amazonaws.com", "*.amazonaws.com", "lambda.amazonaws.com",
    "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "RSA_2048", "SIGN_VERIFY", "HMAC_256", "GENERATE_VERIFY_MAC", "aws:kms", "aws:kms:dsse", "AES256",
    "kv", "kv-v2", "aws", "iam_user", "assumed_role", "federation_token", "session_token", "iam", "ec2", "ec2_instance", "secret/", "/secret//", "secret/data/x",
    "1h", "768h", "-1", "0", "1e400", "0x10", "NaN", "true", "null", "{}", "[]", "{\"Statement\":", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\"",
    "\u0000", "\u202e", "\ud83d\udd11", "\ud800", "é", "ﬁ", "\n\n", "${aws:username}", "%s%n", "a".repeat(300), "Fix: (x). ", "x)\n. Fix: y.",
    UNKNOWN,
];

const ACTIONS = [
    "*", "kms:*", "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:Create*", "kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:CreateGrant", "kms:Re*", "kms:*Key*", "kms:",
    "s3:*", "s3:GetObject", "iam:PassRole", "iam:*", "sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:TagSession", "ec2:Describe*", "*:*", "kms:decrypt", "KMS:Decrypt", "kms:Nope", "x",
];
const RESOURCES = ["*", "arn:aws:kms:us-east-1:123456789012:key/abc", "arn:aws:kms:*:*:key/*", "arn:aws:s3:::bucket/*", "arn:aws:iam::123456789012:role/r", "arn:aws:iam::", "arn:", "arn:aws:kms:::key/", "alias/x"];
const PRINCIPALS = [
    "*", "123456789012", "arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:role/r", "arn:aws:iam::*:role/x", "arn:aws:iam::", "ec2.amazonaws.com", "lambda.amazonaws.com",
    "*.amazonaws.com", "evil.example.com", "cognito-identity.amazonaws.com", "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com", "accounts.google.com", "",
];
const CONDITION_OPERATORS = ["StringEquals", "StringLike", "ArnLike", "ArnEquals", "Bool", "ForAnyValue:StringLike", "ForAllValues:StringEquals", "Null", "StringEqualsIfExists", "NumericLessThan", "Nope"];
const CONDITION_KEYS = ["aws:SourceArn", "aws:SourceAccount", "kms:ViaService", "aws:PrincipalOrgID", "kms:CallerAccount", "token.actions.githubusercontent.com:sub", "sts:ExternalId", "aws:SecureTransport", "kms:GrantIsForAWSResource"];

type Rand = () => number;

class Gen {
    constructor(readonly r: Rand) {}
    int(n: number): number {
        return Math.floor(this.r() * n);
    }
    pick<T>(xs: readonly T[]): T {
        return xs[this.int(xs.length)];
    }
    chance(p: number): boolean {
        return this.r() < p;
    }

    number(): number {
        return this.pick([0, -0, 1, -1, 7, 30, 365, 366, 2147483648, -2147483649, 1e21, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.5, 3.14, 1e-300, this.int(1000) - 500]);
    }

    /** `depth` bounds the JSON text of random documents inside the string. */
    string(depth = 0): string {
        let k = this.int(12);
        if (depth <= 0 && k >= 7 && k <= 9) k = 0;
        if (k < 6) return this.pick(STRINGS);
        if (k === 6) return this.chance(0.05) ? "y".repeat(100 * 1024) : "z".repeat(this.int(2000));
        if (k === 7) return JSON.stringify(this.value(depth - 1));
        if (k === 8) {
            const text = JSON.stringify(this.iamDocument(depth - 1));
            return text.slice(0, this.int(text.length + 1));
        }
        if (k === 9) return JSON.stringify(this.iamDocument(depth - 1));
        if (k === 10) return String.fromCharCode(...Array.from({ length: this.int(20) }, () => this.int(0x10000)));
        return `${this.pick(STRINGS)}${this.pick(["/", ":", "*", "", " "])}${this.pick(STRINGS)}`;
    }

    /** An object with own keys exactly as given (including `__proto__`), as JSON.parse would build it. */
    objectOf(entries: [string, unknown][]): Record<string, unknown> {
        const o: Record<string, unknown> = {};
        for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
        return o;
    }

    key(): string {
        const k = this.int(10);
        if (k < 5) return this.pick(REAL_KEYS);
        if (k < 7) return this.pick(DOC_KEYS);
        if (k === 7) return this.pick(["", " ", "0", "length", "valueOf", "__getSpecialProxyTarget", "isSecret"]);
        return this.pick(STRINGS).slice(0, 40);
    }

    value(depth: number): unknown {
        const k = this.int(depth > 0 ? 12 : 6);
        switch (k) {
            case 0:
                return UNKNOWN;
            case 1:
                return null;
            case 2:
                return this.chance(0.5);
            case 3:
                return this.number();
            case 4:
            case 5:
                return this.string(depth);
            case 6:
                return secretWire(this.value(depth - 1));
            case 7:
                return Array.from({ length: this.int(6) }, () => this.value(depth - 1));
            case 8:
                return this.objectOf(Array.from({ length: this.int(6) }, () => [this.key(), this.value(depth - 1)]));
            case 9:
                return this.iamDocument(depth - 1);
            case 10:
                return this.assetOrArchive();
            default:
                return this.deep(this.int(40) + 1);
        }
    }

    /** The engine's other special values: the SDK turns them into Asset and Archive objects. */
    assetOrArchive(): unknown {
        const asset = () => ({ [SIG_KEY]: ASSET_SIG, [this.pick(["path", "text", "uri"])]: this.pick(["./x", "{\"password\":\"p\"}", "https://example.com/a", "*"]) });
        if (this.chance(0.5)) return asset();
        return this.chance(0.5) ? { [SIG_KEY]: ARCHIVE_SIG, assets: { a: asset(), "b.txt": asset() } } : { [SIG_KEY]: ARCHIVE_SIG, [this.pick(["path", "uri"])]: "./dir" };
    }

    /** A chain of objects and arrays `n` deep with a random leaf. */
    deep(n: number): unknown {
        let v: unknown = this.value(0);
        for (let i = 0; i < n; i++) v = this.chance(0.5) ? [v] : this.objectOf([[this.chance(0.5) ? this.pick(DOC_KEYS) : this.pick(REAL_KEYS), v]]);
        return v;
    }

    /** One short piece repeated up to ~100 KB (inside a document's size limit): quadratic scans show up here. */
    longSoup(): string {
        const prefix = this.pick(["", "arn:aws:kms:us-east-1:123456789012:key/", "arn:aws:iam::", "kms:", "repo:", "a."]);
        const piece = this.pick(["${", "${", "${", "*?", "*?", "a.", ":", "/*", "?", "*", "\\", "}$"]);
        return prefix + piece.repeat(Math.floor((this.int(80_000) + 40_000) / piece.length)) + this.pick(["", "!", "}", ".amazonaws.com"]);
    }

    /** A pattern heavy in `*` and `?`, the kind that makes a backtracking matcher explode. */
    globSoup(prefix: string): string {
        const pieces = ["*?", "*?", "*?", "*", "?", "?*", "e", "crypt", "/"];
        let text = prefix;
        const n = this.int(40) + 5;
        for (let i = 0; i < n; i++) text += this.pick(pieces);
        return text + this.pick(["!", "", "x", "*"]);
    }

    /**
     * Something shaped like an IAM document. `twist` is the chance that any part is of a wrong type
     * or value; a low twist gives valid documents, which the least-privilege checks go on to judge.
     */
    iamDocument(depth: number, twist = 0.5): unknown {
        const part = (good: () => unknown) => (this.chance(twist) ? this.value(Math.max(0, depth - 1)) : good());
        const one = (xs: readonly string[]) => (this.chance(0.05) ? this.longSoup() : this.chance(0.5) ? this.pick(xs) : Array.from({ length: this.int(4) + 1 }, () => this.pick(xs)));
        const keep = (p: number) => this.chance(twist > 0.2 ? 0.7 : p);
        const statement = () => {
            const entries: [string, unknown][] = [["Effect", part(() => this.pick(twist > 0.2 ? ["Allow", "Deny", "allow", ""] : ["Allow", "Allow", "Deny"]))]];
            if (keep(0.6)) entries.push(["Principal", part(() => this.pick(["*", { AWS: one(PRINCIPALS) }, { Service: one(PRINCIPALS) }, { Federated: one(PRINCIPALS) }, { AWS: [] }, { Federated: 1 }]))]);
            if (keep(0.1)) entries.push(["NotPrincipal", part(() => ({ AWS: one(PRINCIPALS) }))]);
            if (keep(0.9)) entries.push([this.chance(0.85) ? "Action" : "NotAction", part(() => (this.chance(0.2) ? this.globSoup(this.pick(["kms:", "", "s3:", "sts:"])) : one(ACTIONS)))]);
            if (keep(0.9)) entries.push([this.chance(0.85) ? "Resource" : "NotResource", part(() => (this.chance(0.2) ? this.globSoup(this.pick(["arn:aws:kms:*:*:", "arn:aws:", ""])) : one(RESOURCES)))]);
            if (keep(0.4)) entries.push(["Condition", part(() => ({ [this.pick(CONDITION_OPERATORS)]: { [this.pick(CONDITION_KEYS)]: this.pick([this.pick(STRINGS), one(PRINCIPALS), 1, true, null]) } }))]);
            if (keep(0.3)) entries.push(["Sid", part(() => this.pick(["", "Allow1", "a b", "x".repeat(200)]))]);
            if (twist > 0.2 && this.chance(0.3)) entries.push([this.pick(DOC_KEYS), this.value(Math.max(0, depth - 1))]);
            return this.objectOf(entries);
        };
        const statements =
            twist > 0.2
                ? this.pick([
                      () => statement(),
                      () => Array.from({ length: this.int(5) }, statement),
                      () => this.string(depth - 1),
                      () => this.number(),
                      () => Array.from({ length: this.int(4) }, () => (this.chance(0.5) ? statement() : this.value(Math.max(0, depth - 1)))),
                  ])()
                : this.chance(0.2)
                  ? statement()
                  : Array.from({ length: this.int(4) + 1 }, statement);
        const entries: [string, unknown][] = [
            ["Version", part(() => this.pick(twist > 0.2 ? ["2012-10-17", "2008-10-17", "", "2012-10-17 "] : ["2012-10-17"]))],
            ["Statement", statements],
        ];
        if (this.chance(0.2)) entries.push(["Id", part(() => this.string(depth - 1))]);
        if (twist > 0.2 && this.chance(0.3)) entries.push([this.pick(DOC_KEYS), this.value(Math.max(0, depth - 1))]);
        return this.objectOf(entries.filter(() => this.chance(twist > 0.2 ? 0.85 : 1)));
    }

    /** Usually the right shape, with any part possibly the wrong type. */
    part(depth: number, good: () => unknown): unknown {
        return this.chance(0.75) ? good() : this.value(Math.max(0, depth - 1));
    }

    list(depth: number, item: () => unknown): unknown[] {
        return Array.from({ length: this.int(5) }, () => this.part(depth, item));
    }

    /** A document as a policy would get it: JSON text (perhaps cut short) or an object. */
    documentValue(depth: number): unknown {
        const doc = this.iamDocument(depth, this.pick([0, 0, 0.05, 0.5]));
        if (this.chance(0.3)) return doc;
        const text = JSON.stringify(doc);
        return this.chance(0.15) ? text.slice(0, this.int(text.length)) : text;
    }

    sseDefault(depth: number): unknown {
        return this.objectOf([
            ["sseAlgorithm", this.part(depth, () => this.pick(["aws:kms", "aws:kms:dsse", "AES256", "", "AWS:KMS"]))],
            ["kmsMasterKeyId", this.part(depth, () => this.pick(STRINGS))],
        ]);
    }

    sseRule(depth: number, plural: boolean): unknown {
        const defaults = plural ? "applyServerSideEncryptionByDefaults" : "applyServerSideEncryptionByDefault";
        return this.objectOf([
            [defaults, this.part(depth, () => (this.chance(0.5) ? this.sseDefault(depth) : this.list(depth, () => this.sseDefault(depth))))],
            ["bucketKeyEnabled", this.part(depth, () => this.chance(0.5))],
        ]);
    }

    /** A plausible value for a property the policies read, twisted at random. */
    shaped(key: string, depth: number): unknown {
        const strings = () => this.list(depth, () => this.pick(STRINGS));
        switch (key) {
            case "policy":
            case "assumeRolePolicy":
            case "policyDocument":
                return this.documentValue(depth);
            case "inlinePolicies":
                return this.list(depth, () => this.objectOf([["name", this.pick(STRINGS)], ["policy", this.part(depth, () => this.documentValue(depth))]]));
            case "dataJson":
            case "data":
            case "secretString":
            case "authLogin":
            case "authLoginUserpass":
            case "authLoginJwt":
            case "authLoginAws": {
                const secrets = this.objectOf(
                    Array.from({ length: this.int(4) + 1 }, () => [this.pick(["password", "token", "secret_id", "private_key", "client_secret", "secret_key", "jwt", "parameters", "user", "namespace"]), this.value(Math.max(0, depth - 1))]),
                );
                const text = JSON.stringify(this.chance(0.7) ? secrets : [secrets]);
                return this.chance(0.2) ? secrets : this.chance(0.1) ? text.slice(0, this.int(text.length)) : text;
            }
            case "environment":
            case "containerDefinitions":
            case "definition": {
                const names = ["OPENAI_API_KEY", "HF_TOKEN", "DB_PASSWORD", "MODEL_ID", "TOKEN_TTL", "SECRET_ARN", "", "__proto__"];
                const settings = Array.from({ length: this.int(4) + 1 }, () => [this.pick(names), this.chance(0.2) ? `ghp_${"a".repeat(36)}` : this.value(Math.max(0, depth - 1))] as [string, unknown]);
                if (key === "environment") return this.objectOf([["variables", this.part(depth, () => this.objectOf(settings))]]);
                const text = JSON.stringify(key === "definition" ? { States: this.objectOf(settings) } : [{ environment: settings.map(([name, value]) => ({ name, value })) }]);
                return this.chance(0.1) ? text.slice(0, this.int(text.length)) : text;
            }
            case "userData":
            case "userDataBase64":
            case "value":
                return Array.from({ length: this.int(5) + 1 }, () => this.pick(["export API_TOKEN=abc123", "#!/bin/bash", `AIza${"B".repeat(35)}`, "DB_PASSWORD=$(aws ssm get-parameter)", ...STRINGS])).join("\n");
            case "serverSideEncryptionConfiguration":
                return this.objectOf([["rule", this.part(depth, () => (this.chance(0.7) ? this.sseRule(depth, false) : this.list(depth, () => this.sseRule(depth, false))))]]);
            case "serverSideEncryptionConfigurations":
                return this.list(depth, () => this.objectOf([["rules", this.part(depth, () => this.list(depth, () => this.sseRule(depth, false)))]]));
            case "rules":
            case "rule":
                return this.list(depth, () => this.sseRule(depth, this.chance(0.2)));
            case "options":
                return this.objectOf([["version", this.part(depth, () => this.pick(["1", "2", 2, "3", ""]))]]);
            case "boundIamPrincipalArns":
            case "boundAccountIds":
            case "boundIamRoleArns":
            case "boundEc2InstanceIds":
            case "boundVpcIds":
            case "tokenPolicies":
            case "roleArns":
            case "replicas":
                return strings();
            case "enableKeyRotation":
            case "isEnabled":
            case "bucketKeyEnabled":
            case "bypassPolicyLockoutSafetyCheck":
                return this.chance(0.5);
            case "rotationPeriodInDays":
            case "deletionWindowInDays":
            case "recoveryWindowInDays":
            case "defaultLeaseTtlSeconds":
            case "maxLeaseTtlSeconds":
            case "tokenPeriod":
            case "tokenMaxTtl":
            case "tokenExplicitMaxTtl":
                return this.chance(0.7) ? this.number() : this.pick(["1h", "30", "0", "", "-5", "86401", "1e9"]);
            default:
                return this.chance(0.5) ? this.pick(STRINGS) : this.value(depth);
        }
    }

    bag(type: string): Record<string, unknown> {
        const focus = focusOf(type);
        const entries: [string, unknown][] = [];
        const n = this.int(8) + 1;
        for (let i = 0; i < n; i++) {
            const key = focus.length && this.chance(0.6) ? this.pick(focus) : this.chance(0.7) ? this.pick(REAL_KEYS) : this.key();
            const shaped = (REAL_KEYS.includes(key) || AI_PIPELINE_KEYS.includes(key)) && this.chance(0.7);
            const value = shaped ? this.shaped(key, 4) : this.value(4);
            entries.push([key, shaped && this.chance(0.15) ? secretWire(value) : value]);
        }
        return this.objectOf(entries);
    }
}

/** Every concrete type a policy judges; `vault:*` stands for each Vault token we know of. */
function concreteTypes(policy: KeyguardPolicy): string[] {
    const vault = Object.values(types)
        .flatMap((v) => (typeof v === "string" ? [v] : Array.isArray(v) ? (v as string[]) : []))
        .filter((t) => t.startsWith("vault:") && !t.endsWith("*"));
    return [...new Set(policy.keyguard.types.flatMap((t) => (t === types.VAULT_ANY ? vault : [t])))];
}

function show(input: unknown): string {
    let text: string;
    try {
        text = JSON.stringify(input, (_k, v: unknown) => (typeof v === "string" && v.length > 200 ? `${v.slice(0, 200)}…(${v.length} chars)` : v));
    } catch (e) {
        text = String(e);
    }
    return text.length > 1500 ? `${text.slice(0, 1500)}…` : text;
}

/** The outcome broken against the house rules, or undefined when it is sound. */
function problemIn(outcome: Outcome): string | undefined {
    for (const d of outcome.diagnostics) {
        if (d.message.includes("could not evaluate")) return `crash: ${d.message}`;
        if (d.message.includes("can't run")) return `unknown-value noise: ${d.message}`;
        if (d.message.length > MAX_MESSAGE_CHARS) return `message of ${d.message.length} chars: ${d.message.slice(0, 300)}…`;
        const body = findingText(d.message);
        if (!MESSAGE_FORM.test(body)) return `message out of form: ${JSON.stringify(d.message)}`;
    }
    return undefined;
}

/** An exception as a failure report shows it: its stack, or what was thrown. */
function errorText(e: unknown): string {
    return e instanceof Error ? (e.stack ?? e.message) : (JSON.stringify(e) ?? typeof e);
}

async function timed<T>(fn: () => Promise<T>, limitMs = MAX_CALL_MS): Promise<{ result?: T; error?: unknown; slow?: number }> {
    const start = performance.now();
    try {
        const result = await fn();
        const ms = performance.now() - start;
        return ms > limitMs ? { result, slow: Math.round(ms) } : { result };
    } catch (error) {
        return { error };
    }
}

const serializeProperties = (deserialize as unknown as { serializeProperties: (p: unknown) => Promise<Record<string, unknown>> }).serializeProperties;

/** Where the wire props hold secrets (outermost only). */
function secretPaths(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
    if (path.length > 48 || typeof value !== "object" || value === null) return out;
    if (isSecretWire(value)) {
        out.push(path);
        return out;
    }
    for (const [k, v] of Object.entries(value)) secretPaths(v, [...path, Array.isArray(value) ? Number(k) : k], out);
    return out;
}

/**
 * True unless the secret at `path` comes back in the clear: it is gone, replaced by the fix's own
 * value (`enableKeyRotation: true` over a secret `false` leaks nothing), or it or a container of it is a secret.
 */
function secretKept(input: unknown, wire: unknown, path: readonly (string | number)[]): boolean {
    let value = wire;
    let original = input;
    for (const key of path) {
        if (isSecretWire(value)) return true;
        if (typeof value !== "object" || value === null || !Object.prototype.hasOwnProperty.call(value, key)) return true;
        value = (value as Record<string | number, unknown>)[key];
        original = (original as Record<string | number, unknown>)[key];
    }
    return isSecretWire(value) || JSON.stringify(value) !== JSON.stringify((original as { value?: unknown }).value);
}

/** Findings per policy over the whole run: a policy the generator never gets to speak is not being fuzzed. */
const findings = new Map<string, number>();

/** Runs the policy's validation (and remediation) on one resource; returns what went wrong. */
async function checkResource(policy: KeyguardPolicy, resource: WireResource, limitMs = MAX_CALL_MS): Promise<string | undefined> {
    const analyzed = await timed(() => analyzeResource([policy], resource), limitMs);
    if (analyzed.error) return `threw: ${errorText(analyzed.error)}`;
    if (analyzed.slow) return `took ${analyzed.slow} ms`;
    const problem = problemIn(analyzed.result as Outcome);
    if (problem) return problem;
    findings.set(policy.name, (findings.get(policy.name) ?? 0) + (analyzed.result as Outcome).diagnostics.length);
    if (policy.keyguard.autoFix) {
        const remediated = await timed(() => remediateResource([policy], resource, { [policy.name]: "remediate" }), limitMs);
        if (remediated.error) return `remediation threw: ${errorText(remediated.error)}`;
        if (remediated.slow) return `remediation took ${remediated.slow} ms`;
        if (remediated.result?.length && (analyzed.result as Outcome).diagnostics.length === 0) return "remediation changed a resource that validation passes";
        for (const { props } of remediated.result ?? []) {
            // What the Remediate RPC sends back to the engine: it must serialize, and keep every secret secret.
            let wire: Record<string, unknown>;
            try {
                wire = await serializeProperties(props);
            } catch (e) {
                return `remediated props do not serialize: ${String(e)}`;
            }
            for (const path of secretPaths(resource.props)) {
                if (!secretKept(resource.props, wire, path)) return `remediation returned the secret at ${JSON.stringify(path)} in the clear`;
            }
        }
    }
    return undefined;
}

/** Odd but possible resource names: Pulumi names are non-empty, and the message form keeps the name on one line. */
function resourceName(g: Gen): string {
    const name = g.pick(STRINGS).slice(0, 50);
    return name.trim() === "" || name.includes("\n") ? "r0" : name;
}

function randomStack(g: Gen, stackTypes: readonly string[]): WireResource[] {
    const count = g.int(30) + 1;
    const resources: WireResource[] = Array.from({ length: count }, (_, i) => {
        const type = g.pick(stackTypes);
        const name = g.chance(0.2) ? resourceName(g) : `r${i}`;
        return { type, name, urn: urnOf(type, `${name}-${i}`), props: g.bag(type) };
    });
    const urns = resources.map((r) => r.urn as string);
    const someUrn = (self: string) => (g.chance(0.15) ? self : g.chance(0.15) ? urnOf(g.pick(stackTypes), "nowhere") : g.pick(urns));
    for (const r of resources) {
        // Names and ids that other resources refer to, so the stack's lookups by known name have matches.
        if (g.chance(0.5)) r.props = g.objectOf([...Object.entries(r.props), [g.pick(["bucket", "id", "path", "mount", "targetKeyId", "arn", "name"]), g.pick(["r0", "r1", "secret", "kv/", ...urns.slice(0, 3)])]]);
        r.dependencies = Array.from({ length: g.int(4) }, () => someUrn(r.urn as string));
        r.propertyDependencies = g.objectOf(
            Array.from({ length: g.int(4) }, () => [g.chance(0.9) ? g.pick(["bucket", "rules", "serverSideEncryptionConfiguration", "serverSideEncryptionConfigurations", "targetKeyId", "path", "mount", "kmsMasterKeyId", "__proto__"]) : g.key(), Array.from({ length: g.int(4) }, () => someUrn(r.urn as string))]),
        ) as Record<string, string[]>;
    }
    return resources;
}

/**
 * Realistic stacks a stack policy flags, which the fuzz mutates (props twisted, resources dropped,
 * noise added): a random stack rarely lines up the several resources such a policy needs at once.
 */
const REALISTIC_STACKS: Partial<Record<string, () => WireResource[]>> = {
    "s3-kms-key-access": () => {
        const key = { type: types.KMS_KEY, name: "key", urn: urnOf(types.KMS_KEY, "key"), props: { description: "data key" } };
        const bucket = {
            type: types.S3_BUCKET,
            name: "data",
            urn: urnOf(types.S3_BUCKET, "data"),
            props: { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "1234abcd-12ab-34cd-56ef-1234567890ab" } } } },
            propertyDependencies: { serverSideEncryptionConfiguration: [key.urn] },
        };
        const policyDocument = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: ["arn:aws:s3:::data-1a2b/*"] }] });
        const role = { type: types.VAULT_AWS_SECRET_BACKEND_ROLE, name: "role", urn: urnOf(types.VAULT_AWS_SECRET_BACKEND_ROLE, "role"), props: { backend: "aws", policyDocument }, propertyDependencies: { policyDocument: [bucket.urn, key.urn] } };
        return [key, bucket, role];
    },
};

function mutatedStack(g: Gen, realistic: WireResource[], stackTypes: readonly string[]): WireResource[] {
    const kept = realistic.filter(() => !g.chance(0.1));
    for (const r of kept) {
        r.props = g.objectOf(Object.entries(r.props).map(([k, v]) => [k, g.chance(0.2) ? g.shaped(k, 3) : v]));
    }
    return [...kept, ...(g.chance(0.5) ? randomStack(g, stackTypes).slice(0, 5) : [])];
}

function fail(policy: KeyguardPolicy, label: string, input: unknown, problem: string): never {
    expect.fail(`seed ${SEED} (KEYGUARD_FUZZ_SEED=${SEED} KEYGUARD_FUZZ_SCALE=${SCALE}) ${policy.name} ${label}: ${problem}\ninput: ${show(input)}`);
}

describe("fuzz: every policy on hostile input", function () {
    this.timeout(120_000);

    for (const policy of policies) {
        const policyTypes = concreteTypes(policy);

        if (policy.keyguard.kind === "resource") {
            it(`${policy.name}: ${BAGS_PER_TYPE} random bags per type (${policyTypes.length} types) never crash, hang or speak out of form`, async () => {
                const g = new Gen(mulberry32(SEED ^ hash(policy.name)));
                for (const type of policyTypes) {
                    for (let i = 0; i < BAGS_PER_TYPE; i++) {
                        const props = g.bag(type);
                        const problem = await checkResource(policy, { type, name: g.chance(0.9) ? "res" : resourceName(g), props });
                        if (problem) fail(policy, `${type} case ${i}`, props, problem);
                    }
                }
            });
        } else {
            it(`${policy.name}: ${STACKS_PER_POLICY} random stacks of 1-30 resources (dangling, self and cyclic dependencies) never crash, hang or speak out of form`, async () => {
                const g = new Gen(mulberry32(SEED ^ hash(policy.name)));
                const realistic = REALISTIC_STACKS[policy.name];
                for (let i = 0; i < STACKS_PER_POLICY; i++) {
                    const stack = realistic && i % 2 === 1 ? mutatedStack(g, realistic(), policyTypes) : randomStack(g, policyTypes);
                    const run = await timed(() => analyzeStack([policy], stack));
                    if (run.error) fail(policy, `stack ${i}`, stack, `threw: ${errorText(run.error)}`);
                    if (run.slow) fail(policy, `stack ${i}`, stack, `took ${run.slow} ms`);
                    const problem = problemIn(run.result as Outcome);
                    if (problem) fail(policy, `stack ${i}`, stack, problem);
                    findings.set(policy.name, (findings.get(policy.name) ?? 0) + (run.result as Outcome).diagnostics.length);
                }
            });
        }

        it(`${policy.name}: a 5 MB string in every property it reads`, async () => {
            const huge = "k".repeat(5 * 1024 * 1024);
            const bag = () => Object.fromEntries(REAL_KEYS.map((k) => [k, huge]));
            if (policy.keyguard.kind === "resource") {
                for (const type of policyTypes) {
                    const problem = await checkResource(policy, { type, name: "res", props: bag() }, 3 * MAX_CALL_MS);
                    if (problem) fail(policy, `${type} 5 MB`, "every property: 5 MB of k", problem);
                }
            } else {
                const stack = policyTypes.map((type, i) => ({ type, name: `r${i}`, props: bag(), propertyDependencies: { bucket: [urnOf(policyTypes[0], "r0")] } }));
                const run = await timed(() => analyzeStack([policy], stack), 3 * MAX_CALL_MS);
                if (run.error) fail(policy, "5 MB stack", "every property: 5 MB of k", `threw: ${errorText(run.error)}`);
                if (run.slow) fail(policy, "5 MB stack", "every property: 5 MB of k", `took ${run.slow} ms`);
                const problem = problemIn(run.result as Outcome);
                if (problem) fail(policy, "5 MB stack", "every property: 5 MB of k", problem);
            }
        });
    }

    // Runs after the cases above (mocha keeps declaration order); alone (--grep) it has nothing to count.
    it("reaches every policy's findings: the generator is not feeding them only noise they ignore", function () {
        if (findings.size === 0) this.skip();
        const silent = policies.filter((p) => !findings.get(p.name)).map((p) => p.name);
        expect(silent, `seed ${SEED}: no finding from ${silent.join(", ")}`).to.deep.equal([]);
    });
});

/** A per-policy seed offset, so adding a policy does not change the others' inputs. */
function hash(text: string): number {
    let h = 2166136261;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    return h >>> 0;
}
