import { trimSlashes } from "../core/text";
import { KvMount, KvPlacement, KvSecretKind, kvMountFindings, mountPathsNamedBy, mountPropertyOf } from "../core/vault-kv";
import { StackResource, stackPolicy } from "../lib/define";
import { rawOf } from "../lib/read";
import { StackIndex, indexStack } from "../lib/stack-index";
import { VAULT_KV_SECRET, VAULT_KV_SECRET_V2, VAULT_MOUNT, VAULT_NON_KV_ENGINES } from "../lib/types";

const MOUNTS = [VAULT_MOUNT, ...VAULT_NON_KV_ENGINES];

/** The kv secrets' type tokens, as the core names them. */
const KV_SECRET_KINDS: Readonly<Record<string, KvSecretKind>> = { [VAULT_KV_SECRET_V2]: "kv.SecretV2", [VAULT_KV_SECRET]: "kv.Secret" };

/**
 * The mount a kv secret is written to: through the property's dependencies first (known in
 * preview), else by the known mount path. Several candidates and no way to choose: no verdict.
 */
function mountOf(index: StackIndex, secret: StackResource, secretKind: KvSecretKind): StackResource | undefined {
    const property = mountPropertyOf(secretKind);
    const value = secret.known(property);
    const linked = index.dependenciesOf(secret, property, MOUNTS);
    if (linked.length === 1) return linked[0];
    if (typeof value !== "string") return undefined;
    for (const path of mountPathsNamedBy(secretKind, value)) {
        // Only the mount path counts; the index also knows resources by id and name.
        const byPath = index.byKnownName(path, MOUNTS).filter((m) => {
            const mountPath = m.known("path");
            return typeof mountPath === "string" && trimSlashes(mountPath) === path;
        });
        const among = linked.length ? byPath.filter((m) => linked.includes(m)) : byPath;
        if (among.length === 1) return among[0];
        if (among.length > 1) return undefined;
    }
    return undefined;
}

/** A mount resource as the core reads it: a vault.Mount's type and version, or another engine's token and path. */
function mountAsRead(mount: StackResource): KvMount {
    if (mount.type === VAULT_MOUNT) return { name: mount.name, kind: "mount", type: rawOf(mount.read("type")), version: rawOf(mount.read("options", "version")) };
    return { name: mount.name, kind: "engine", typeToken: mount.type, path: mount.known("path") };
}

/** Each kv secret whose mount is in this stack and can be told (else it is outside the stack, or not known yet). */
function placements(resources: StackResource[]): KvPlacement<StackResource>[] {
    const index = indexStack(resources);
    return index.ofType(VAULT_KV_SECRET_V2, VAULT_KV_SECRET).flatMap((secret) => {
        const secretKind = KV_SECRET_KINDS[secret.type];
        const mount = mountOf(index, secret, secretKind);
        return mount ? [{ subject: secret, secretKind, mount: mountAsRead(mount) }] : [];
    });
}

export const vaultKvMountType = stackPolicy({
    name: "vault-kv-mount-type",
    description: "Vault kv secrets are written to a kv secrets engine of the matching version, not to another engine's mount.",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps:
        'Create a vault.Mount with type "kv-v2" (for kv.SecretV2) or "kv" (for kv.Secret) and write the secret there: set kv.SecretV2.mount to that mount\'s path. Do not write kv secrets into an AWS (or other) secrets engine mount.',
    types: [VAULT_KV_SECRET_V2, VAULT_KV_SECRET, ...MOUNTS],
    check: ({ resources }) => kvMountFindings(placements(resources)),
});
