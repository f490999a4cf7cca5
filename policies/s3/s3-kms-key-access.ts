/**
 * s3-kms-key-access: readers and writers of an in-stack SSE-KMS bucket, and readers of an
 * in-stack CMK-encrypted secret, are also allowed to use the key. The adapter gathers, in one pass
 * over the stack index, the encrypted stores with their keys and every principal's identity
 * documents; the core (core/s3-kms-key-access.ts) judges them.
 *
 * Principals: a Role (inline policies, RolePolicy, in-stack aws.iam.Policy attached through
 * managedPolicyArns, RolePolicyAttachment or PolicyAttachment; AWS managed policies by their real
 * documents), and a Vault AWS secret engine role (its policyDocument and policyArns, the
 * credentials Vault issues). A principal with any unknown document, or with a policy attached that
 * is neither in the stack nor AWS managed (another stack's), is not judged: the grant may be there.
 */
import { EncryptedStore, IdentityDocument, StackKmsKey, StackPrincipal, UnnamedBucket, keyAccessFindings } from "../core/s3-kms-key-access";
import { managedPolicyDocument } from "../core/iam/managed-policies";
import { isKeyId } from "../core/kms";
import { effectiveSseSources, sseKmsKeyReference } from "../core/s3";
import { isUnknown } from "../core/wire";
import { StackResource, stackPolicy } from "../lib/define";
import { parsedDocumentsOf } from "../lib/documents";
import { StackIndex, indexStack } from "../lib/stack-index";
import { declaredSse, stackKeyResourceResolver } from "../lib/stack-keys";
import {
    IAM_POLICY,
    IAM_POLICY_ATTACHMENT,
    IAM_ROLE,
    IAM_ROLE_POLICY,
    IAM_ROLE_POLICY_ATTACHMENT,
    KMS_ALIAS,
    KMS_KEY,
    KMS_KEY_POLICY,
    S3_BUCKET,
    S3_BUCKET_SSE_CONFIG,
    S3_BUCKET_SSE_CONFIG_V2,
    S3_BUCKET_V2,
    SECRETSMANAGER_SECRET,
    VAULT_AWS_SECRET_BACKEND_ROLE,
} from "../lib/types";

const BUCKETS = [S3_BUCKET, S3_BUCKET_V2];
const SSE_CONFIGS = [S3_BUCKET_SSE_CONFIG, S3_BUCKET_SSE_CONFIG_V2];

/** Not judged yet: some input is unknown (preview), or lies outside the stack. */
const OPEN = Symbol("open");
type Open = typeof OPEN;

const knownString = (r: StackResource, property: string): string | undefined => {
    const value = r.known(property);
    return typeof value === "string" && value !== "" && !isUnknown(value) ? value : undefined;
};

/** Identity documents of a resource that holds them; OPEN when one is unknown. Unparseable ones are iam-policy-document-valid's. */
function documentsOf(resource: StackResource): IdentityDocument<StackResource>[] | Open {
    const out: IdentityDocument<StackResource>[] = [];
    for (const doc of parsedDocumentsOf(resource, ["identity"])) {
        if (doc.parsed.ok === "unknown" || (doc.parsed.ok === true && doc.parsed.unknownStatements > 0)) return OPEN;
        if (doc.parsed.ok === true) out.push({ holder: resource, property: doc.property, statements: doc.parsed.statements });
    }
    return out;
}

class Keys {
    private readonly resolve;
    private readonly cache = new Map<StackResource, StackKmsKey | Open>();
    private readonly keyPolicies = new Map<string, StackResource[]>();

    constructor(private readonly index: StackIndex) {
        this.resolve = stackKeyResourceResolver(index);
        for (const p of index.ofType(KMS_KEY_POLICY)) {
            const targets = index.dependenciesOf(p, "keyId", [KMS_KEY]).map((k) => k.urn);
            const byName = knownString(p, "keyId");
            if (byName) targets.push(...index.byKnownName(byName, [KMS_KEY]).map((k) => k.urn));
            for (const urn of new Set(targets)) this.keyPolicies.set(urn, [...(this.keyPolicies.get(urn) ?? []), p]);
        }
    }

    /** The in-stack key behind `owner`'s key reference, with its ARN and policy; OPEN while any is unknown. */
    of(owner: StackResource, property: string, keyRef: unknown): StackKmsKey | Open | undefined {
        const key = this.resolve(owner, property, keyRef);
        if (!key) return isUnknown(keyRef) ? OPEN : undefined;
        let found = this.cache.get(key);
        if (!found || found === OPEN) {
            found = this.describe(key, keyRef);
            this.cache.set(key, found);
        }
        return found;
    }

    /**
     * The key's ARN as a glob: its `arn` once known, else built from its key id, which the key's
     * own props or the reference itself give (`kmsMasterKeyId: key.id` arrives as the id).
     */
    private arnOf(key: StackResource, keyRef: unknown): string | undefined {
        const arn = knownString(key, "arn");
        if (arn) return arn;
        const id = [knownString(key, "keyId"), knownString(key, "id"), typeof keyRef === "string" ? keyRef : undefined].find((v) => isKeyId(v));
        if (id) return `arn:*:kms:*:*:key/${id}`;
        return typeof keyRef === "string" && !isUnknown(keyRef) && /^arn:[^:]+:kms:[^:]*:[^:]*:key\/[^*?]+$/.test(keyRef) ? keyRef : undefined;
    }

    private describe(key: StackResource, keyRef: unknown): StackKmsKey | Open {
        const arn = this.arnOf(key, keyRef);
        if (!arn) return OPEN;
        const policy = [];
        for (const holder of [key, ...(this.keyPolicies.get(key.urn) ?? [])]) {
            for (const doc of parsedDocumentsOf(holder, ["key"])) {
                if (doc.parsed.ok === "unknown" || (doc.parsed.ok === true && doc.parsed.unknownStatements > 0)) return OPEN;
                if (doc.parsed.ok === true) policy.push(...doc.parsed.statements);
            }
        }
        return { name: key.name, arn, policy };
    }
}

/** The key a bucket's default encryption uses: from its SSE configuration resources, else inline; OPEN while unknown. */
function bucketKey(index: StackIndex, keys: Keys, bucket: StackResource, configsByName: ReadonlyMap<string, StackResource[]>, name: string | undefined): StackKmsKey | Open | undefined {
    const configs = new Set(index.referencesTo(bucket.urn, "bucket", SSE_CONFIGS).map((ref) => ref.resource));
    for (const c of name ? (configsByName.get(name) ?? []) : []) configs.add(c);
    const inline = declaredSse(index, bucket, bucket.type === S3_BUCKET_V2 ? "bucketV2" : "bucket");
    const ref = sseKmsKeyReference(effectiveSseSources([...configs].map((c) => declaredSse(index, c, "config")), inline));
    if (ref === "unknown") return OPEN;
    return ref && keys.of(ref.source.owner, ref.source.property, ref.kmsMasterKeyId);
}

function encryptedStores(index: StackIndex, keys: Keys, unnamed: UnnamedBucket[]): EncryptedStore[] {
    const stores: EncryptedStore[] = [];
    const configsByName = new Map<string, StackResource[]>();
    for (const c of index.ofType(...SSE_CONFIGS)) {
        const name = knownString(c, "bucket");
        if (name) configsByName.set(name, [...(configsByName.get(name) ?? []), c]);
    }
    for (const bucket of index.ofType(...BUCKETS)) {
        const name = knownString(bucket, "bucket");
        const key = bucketKey(index, keys, bucket, configsByName, name);
        if (!key || key === OPEN) continue;
        if (name) stores.push({ kind: "bucket", name: bucket.name, id: name, key });
        else if (bucket.read("bucket").state === "absent" && bucket.read("bucketPrefix").state === "absent") unnamed.push({ handle: bucket.urn, name: bucket.name, key });
    }
    for (const secret of index.ofType(SECRETSMANAGER_SECRET)) {
        const arn = knownString(secret, "arn");
        const key = arn && keys.of(secret, "kmsKeyId", secret.known("kmsKeyId"));
        const name = knownString(secret, "name");
        if (arn && key && key !== OPEN) stores.push({ kind: "secret", name: secret.name, id: arn, names: name ? [name] : [], key });
    }
    return stores;
}

/** A principal being gathered; `open` once anything about its grants is unknown. */
interface Gathering {
    principal: StackPrincipal<StackResource> & { documents: IdentityDocument<StackResource>[] };
    open: boolean;
}

function principals(index: StackIndex): StackPrincipal<StackResource>[] {
    const byRole = new Map<StackResource, Gathering>();
    const gathered: Gathering[] = [];
    const start = (label: string, arns: string[]): Gathering => {
        const g = { principal: { label, arns, documents: [] }, open: false };
        gathered.push(g);
        return g;
    };
    const add = (g: Gathering, docs: IdentityDocument<StackResource>[] | Open) => {
        if (docs === OPEN) g.open = true;
        else g.principal.documents.push(...docs);
    };
    for (const role of index.ofType(IAM_ROLE)) {
        const arn = knownString(role, "arn");
        const g = start(`role ${role.name}`, arn ? [arn] : []);
        byRole.set(role, g);
        add(g, documentsOf(role));
    }
    /** The in-stack role(s) a property names, by dependency or by known name; undefined when it names one outside the stack or unknown. */
    const rolesOf = (r: StackResource, property: string, item?: unknown): StackResource[] | undefined => {
        const linked = index.dependenciesOf(r, property, [IAM_ROLE]);
        if (linked.length) return linked;
        const name = item ?? r.known(property);
        if (typeof name !== "string" || isUnknown(name)) return undefined;
        const named = index.byKnownName(name, [IAM_ROLE]);
        return named.length === 1 ? named : undefined;
    };
    /** The documents of the in-stack policy an ARN names; OPEN for one outside the stack (an AWS managed policy) or unknown. */
    const policyDocuments = (r: StackResource, property: string, arn: unknown): IdentityDocument<StackResource>[] | Open => {
        // An AWS managed policy: its real document, which lib/documents.ts reads for the attachment.
        if (managedPolicyDocument(arn)) return documentsOf(r);
        const linked = index.dependenciesOf(r, property, [IAM_POLICY]);
        const policies = linked.length ? linked : typeof arn === "string" && !isUnknown(arn) ? index.byKnownName(arn, [IAM_POLICY]) : [];
        if (policies.length !== 1) return OPEN;
        return documentsOf(policies[0]);
    };
    for (const rp of index.ofType(IAM_ROLE_POLICY)) {
        const roles = rolesOf(rp, "role");
        // A RolePolicy on a role outside the stack: nothing else is known about that role.
        if (!roles) continue;
        for (const role of roles) add(byRole.get(role)!, documentsOf(rp));
    }
    for (const role of index.ofType(IAM_ROLE)) {
        const arns = role.read("managedPolicyArns");
        if (arns.state === "unknown") byRole.get(role)!.open = true;
        if (arns.state !== "known" || !Array.isArray(arns.value)) continue;
        const linked = index.dependenciesOf(role, "managedPolicyArns", [IAM_POLICY]);
        const inStack = new Set(linked.map((p) => knownString(p, "arn")));
        for (const p of linked) add(byRole.get(role)!, documentsOf(p));
        for (const arn of arns.value) {
            // In-stack policies were added above; AWS managed ones are among the role's own documents (lib/documents.ts).
            if (inStack.has(arn as string) || managedPolicyDocument(arn)) continue;
            const named = typeof arn === "string" && !isUnknown(arn) ? index.byKnownName(arn, [IAM_POLICY]) : [];
            add(byRole.get(role)!, named.length === 1 ? documentsOf(named[0]) : OPEN);
        }
    }
    for (const attachment of index.ofType(IAM_ROLE_POLICY_ATTACHMENT)) {
        const roles = rolesOf(attachment, "role");
        for (const role of roles ?? []) add(byRole.get(role)!, policyDocuments(attachment, "policyArn", attachment.known("policyArn")));
    }
    for (const attachment of index.ofType(IAM_POLICY_ATTACHMENT)) {
        const names = attachment.read("roles");
        const roles = names.state === "known" && Array.isArray(names.value) ? names.value.flatMap((n) => rolesOf(attachment, "roles", n) ?? []) : index.dependenciesOf(attachment, "roles", [IAM_ROLE]);
        for (const role of new Set(roles)) add(byRole.get(role)!, policyDocuments(attachment, "policyArn", attachment.known("policyArn")));
    }
    for (const vaultRole of index.ofType(VAULT_AWS_SECRET_BACKEND_ROLE)) {
        const roleArns = vaultRole.known("roleArns");
        const g = start(`the credentials of Vault role ${vaultRole.name}`, Array.isArray(roleArns) ? roleArns.filter((a): a is string => typeof a === "string") : []);
        add(g, documentsOf(vaultRole));
        // Policies attached by ARN: AWS managed ones are among its documents; any other is outside what the stack shows.
        const attached = vaultRole.read("policyArns");
        if (attached.state === "unknown" || (attached.state === "known" && Array.isArray(attached.value) && attached.value.some((arn) => !managedPolicyDocument(arn)))) g.open = true;
    }
    return gathered.filter((g) => !g.open).map((g) => g.principal);
}

export const s3KmsKeyAccess = stackPolicy({
    name: "s3-kms-key-access",
    description: "Principals allowed to read or write an in-stack SSE-KMS bucket, or read a CMK-encrypted secret, are also allowed to use its KMS key.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps:
        "Where a policy grants s3:GetObject on an SSE-KMS bucket, also grant kms:Decrypt on the bucket's key (key.arn); where it grants s3:PutObject, also grant kms:GenerateDataKey and kms:Decrypt; where it grants secretsmanager:GetSecretValue on a secret under a customer-managed key, also grant kms:Decrypt on that key. Alternatively name the principal in the key policy.",
    types: [...BUCKETS, ...SSE_CONFIGS, KMS_KEY, KMS_KEY_POLICY, KMS_ALIAS, SECRETSMANAGER_SECRET, IAM_ROLE, IAM_ROLE_POLICY, IAM_POLICY, IAM_ROLE_POLICY_ATTACHMENT, IAM_POLICY_ATTACHMENT, VAULT_AWS_SECRET_BACKEND_ROLE],
    check({ resources }) {
        const index = indexStack(resources);
        const unnamed: UnnamedBucket[] = [];
        const stores = encryptedStores(index, new Keys(index), unnamed);
        if (stores.length === 0 && unnamed.length === 0) return [];
        // A document's value came from the resources its root property depends on.
        const dependsOn = (d: IdentityDocument<StackResource>) => d.holder.propertyDependencies[d.property.split(/[[.]/)[0]] ?? [];
        return keyAccessFindings(stores, unnamed, principals(index), dependsOn);
    },
});
