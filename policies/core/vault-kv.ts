/**
 * Vault kv secrets and the engine they are written to, on plain data. No Pulumi here.
 *
 * `kv.SecretV2` needs a KV version 2 engine (`type: "kv-v2"`, or `type: "kv"` with
 * `options.version: "2"`); `kv.Secret` needs version 1 (`type: "kv"` without a version, or "1").
 * Any other engine at the mount (aws, database, transit...) is the wrong place for a kv secret:
 * seed 004 writes one into the AWS secrets engine, where Vault treats it as that engine's config.
 * Source: Vault docs, "KV secrets engine" and "sys/mounts".
 */
import type { Finding, StackFinding } from "./finding";
import { trimSlashes } from "./text";
import { isUnknown } from "./wire";

export type KvVersion = 1 | 2;

/** The kv secret resources the rule judges, by the names its messages give them. */
export type KvSecretKind = "kv.SecretV2" | "kv.Secret";

/**
 * What the rule knows of each kv secret: the kv version it needs, and the property that names its
 * mount. kv.Secret has no mount input: its `path` starts with the mount's path.
 */
const KV_SECRETS: Readonly<Record<KvSecretKind, { version: KvVersion; mountProperty: "mount" | "path" }>> = {
    "kv.SecretV2": { version: 2, mountProperty: "mount" },
    "kv.Secret": { version: 1, mountProperty: "path" },
};

/** The kv version a mount serves: 1 or 2, "other" for a non-kv engine, undefined while computed. */
function kvVersionOfMount(type: unknown, version: unknown): KvVersion | "other" | undefined {
    if (isUnknown(type) || type === undefined) return undefined;
    if (type === "kv-v2") return 2;
    if (type !== "kv") return "other";
    if (isUnknown(version)) return undefined;
    if (version === undefined || version === null || version === "1" || version === 1) return 1;
    if (version === "2" || version === 2) return 2;
    return "other";
}

/** Deeper mount paths than this are not looked for, so a hostile path cannot cost quadratic time. */
const MAX_MOUNT_DEPTH = 16;

/** The mount paths a kv v1 secret path could live under, longest first: "team/kv/app" → ["team/kv", "team"]. */
export function mountCandidates(secretPath: string): string[] {
    const parts = secretPath.split("/", MAX_MOUNT_DEPTH + 1).filter((p) => p !== "");
    const out: string[] = [];
    for (let n = parts.length - 1; n >= 1; n--) out.push(parts.slice(0, n).join("/"));
    return out;
}

/** The property of a kv secret that names its mount (its property dependencies lead to the mount too). */
export function mountPropertyOf(secretKind: KvSecretKind): string {
    return KV_SECRETS[secretKind].mountProperty;
}

/**
 * The mount paths the known value of a kv secret's `mountPropertyOf` may name, likeliest first,
 * compared as the stack index compares names (slashes trimmed): kv.SecretV2's `mount` names one,
 * kv.Secret's `path` lies under one of its heads.
 */
export function mountPathsNamedBy(secretKind: KvSecretKind, value: string): string[] {
    return KV_SECRETS[secretKind].mountProperty === "mount" ? [trimSlashes(value)] : mountCandidates(value);
}

/** "vault:aws/secretBackend:SecretBackend" → "aws". */
function engineName(typeToken: string): string {
    const module = typeToken.split(":")[1]?.split("/")[0] ?? typeToken;
    return module === "index" ? (typeToken.split(":")[2] ?? typeToken) : module;
}

/**
 * The mount a kv secret is written to, as read: a vault.Mount, which serves whatever its `type`
 * and `options.version` say, or another secrets engine's resource (aws, database…), named by its
 * type token. Values are undefined when absent and the unknown sentinel when computed.
 */
export type KvMount = { name: string; kind: "mount"; type: unknown; version: unknown } | { name: string; kind: "engine"; typeToken: string; path: unknown };

/** A kv secret of the stack and the mount it was found to be written to. */
export interface KvPlacement<R> {
    subject: R;
    secretKind: KvSecretKind;
    mount: KvMount;
}

function fixFor(secretKind: KvSecretKind): string {
    return KV_SECRETS[secretKind].version === 2 ? 'set mount to the path of a vault.Mount with type "kv-v2"' : 'write the secret under the path of a vault.Mount with type "kv"';
}

/** A vault.Mount of the given type and options.version: the finding, if it is not the kv engine the secret needs. */
function vaultMountFinding(secretKind: KvSecretKind, mountName: string, type: unknown, version: unknown): Finding | undefined {
    const secretVersion = KV_SECRETS[secretKind].version;
    const served = kvVersionOfMount(type, version);
    if (served === undefined || served === secretVersion) return undefined;
    if (served === "other") {
        return { code: "not-kv-engine", problem: `kv secret is written to mount ${mountName}, which is not a kv secrets engine`, value: type, fix: fixFor(secretKind) };
    }
    return {
        code: "kv-version-mismatch",
        problem: `${secretKind} (KV version ${secretVersion}) is written to mount ${mountName}, a KV version ${served} engine`,
        value: type === "kv" ? (version ?? undefined) : type,
        fix: secretVersion === 2 ? 'set type "kv-v2" (or options.version "2") on the mount, or use kv.Secret' : "use kv.SecretV2 for a KV version 2 mount",
    };
}

/** A secrets engine resource other than kv (aws, database...) at the mount: always the wrong place. */
function engineFinding(secretKind: KvSecretKind, mountName: string, typeToken: string, path: unknown): Finding {
    return {
        code: "other-engine",
        problem: `kv secret is written to mount ${mountName}, which is the ${engineName(typeToken)} secrets engine, not kv`,
        value: typeof path === "string" && !isUnknown(path) ? path : typeToken,
        fix: fixFor(secretKind),
    };
}

/** vault-kv-mount-type's rule: each kv secret on a kv engine of the version it needs. */
export function kvMountFindings<R>(placements: readonly KvPlacement<R>[]): StackFinding<R>[] {
    const findings: StackFinding<R>[] = [];
    for (const { subject, secretKind, mount } of placements) {
        const finding = mount.kind === "mount" ? vaultMountFinding(secretKind, mount.name, mount.type, mount.version) : engineFinding(secretKind, mount.name, mount.typeToken, mount.path);
        if (finding) findings.push({ ...finding, subject });
    }
    return findings;
}
