/**
 * Mocks that stand in for the providers when a fixture runs under `pulumi.runtime.setMocks`.
 *
 * They answer the way the engine would, so the policies see realistic values:
 * - preview (dry run): a new resource's computed outputs are unknown. The mock returns no id and
 *   echoes only the inputs as state, so everything else (ids, ARNs, autonamed names) stays unknown
 *   to the program, and whatever the program derives from them goes out as the unknown sentinel.
 * - post-apply: every output is known: KMS key ids are UUIDs, ARNs are well formed, autonamed
 *   resources get the CLI's `<name>-<7 hex>` suffix, Vault paths echo their inputs.
 * Every value derives from a hash of the resource's type and name, so results are the same on
 * every run and in every order (seed 000's alias is always the same `alias/<uuid>`).
 */
import { createHash } from "crypto";
import type { MockCallArgs, MockCallResult, MockResourceArgs, MockResourceResult, Mocks } from "@pulumi/pulumi/runtime/mocks";

export const ACCOUNT_ID = "123456789012";
export const REGION = "us-west-2";
/** Who deploys: a CI job's assumed-role session, as `aws.getCallerIdentity` reports it. */
export const CALLER_ARN = `arn:aws:sts::${ACCOUNT_ID}:assumed-role/pulumi-deployer/ci-session`;

function digest(...parts: string[]): string {
    return createHash("sha256").update(parts.join("\u0000")).digest("hex");
}

/** A version-4-shaped UUID derived from `parts`, like the ids KMS gives its keys. */
export function seededUuid(...parts: string[]): string {
    const h = digest(...parts);
    const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The CLI's autonaming: the logical name plus a dash and seven hex characters. */
export function autoName(type: string, name: string): string {
    return `${name}-${digest("autoname", type, name).slice(0, 7)}`;
}

type State = Record<string, unknown>;

function str(v: unknown): string | undefined {
    return typeof v === "string" && v !== "" ? v : undefined;
}

/** The outputs a provider computes on create, for the resource types the fixtures use. */
function computed(type: string, name: string, inputs: State): { id: string; state: State } {
    const uuid = seededUuid(type, name);
    switch (type) {
        case "aws:kms/key:Key":
            return { id: uuid, state: { keyId: uuid, arn: `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/${uuid}` } };
        case "aws:kms/alias:Alias": {
            const alias = str(inputs.name) ?? `alias/${autoName(type, name)}`;
            return { id: alias, state: { name: alias, arn: `arn:aws:kms:${REGION}:${ACCOUNT_ID}:${alias}`, targetKeyArn: `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/${str(inputs.targetKeyId) ?? uuid}` } };
        }
        case "aws:iam/role:Role": {
            const roleName = str(inputs.name) ?? autoName(type, name);
            return { id: roleName, state: { name: roleName, arn: `arn:aws:iam::${ACCOUNT_ID}:role/${roleName}`, uniqueId: `AROA${digest(uuid).slice(0, 17).toUpperCase()}` } };
        }
        case "aws:iam/policy:Policy": {
            const policyName = str(inputs.name) ?? autoName(type, name);
            const arn = `arn:aws:iam::${ACCOUNT_ID}:policy/${policyName}`;
            return { id: arn, state: { name: policyName, arn, policyId: `ANPA${digest(uuid).slice(0, 17).toUpperCase()}` } };
        }
        case "aws:iam/rolePolicy:RolePolicy": {
            const policyName = str(inputs.name) ?? autoName(type, name);
            return { id: `${str(inputs.role) ?? "role"}:${policyName}`, state: { name: policyName } };
        }
        case "aws:iam/rolePolicyAttachment:RolePolicyAttachment":
            return { id: `${str(inputs.role) ?? "role"}-${digest(uuid).slice(0, 20)}`, state: {} };
        case "aws:s3/bucket:Bucket":
        case "aws:s3/bucketV2:BucketV2": {
            const bucket = str(inputs.bucket) ?? autoName(type, name);
            return { id: bucket, state: { bucket, arn: `arn:aws:s3:::${bucket}`, bucketDomainName: `${bucket}.s3.amazonaws.com`, region: REGION } };
        }
        case "aws:secretsmanager/secret:Secret": {
            const secretName = str(inputs.name) ?? autoName(type, name);
            const arn = `arn:aws:secretsmanager:${REGION}:${ACCOUNT_ID}:secret:${secretName}-${digest(uuid).slice(0, 6)}`;
            return { id: arn, state: { name: secretName, arn } };
        }
        case "vault:aws/secretBackend:SecretBackend":
        case "vault:index/mount:Mount":
        case "vault:index/authBackend:AuthBackend": {
            const defaultPath = type === "vault:aws/secretBackend:SecretBackend" ? "aws" : str(inputs.type) ?? name;
            const path = str(inputs.path) ?? defaultPath;
            return { id: path, state: { path, accessor: `${type.split(":")[0]}_${digest(uuid).slice(0, 8)}` } };
        }
        case "vault:aws/secretBackendRole:SecretBackendRole":
            return { id: `${str(inputs.backend) ?? "aws"}/roles/${str(inputs.name) ?? name}`, state: { name: str(inputs.name) ?? name } };
        case "vault:aws/authBackendRole:AuthBackendRole":
            return { id: `auth/${str(inputs.backend) ?? "aws"}/role/${str(inputs.role) ?? name}`, state: { roleId: uuid } };
        case "vault:kv/secretV2:SecretV2": {
            const mount = str(inputs.mount) ?? "secret";
            const secretName = str(inputs.name) ?? name;
            return { id: `${mount}/data/${secretName}`, state: { path: `${mount}/data/${secretName}`, name: secretName } };
        }
        case "vault:index/policy:Policy":
            return { id: str(inputs.name) ?? name, state: { name: str(inputs.name) ?? name } };
        default:
            // Other resources (providers, S3 sub-resources, ...) get an opaque, stable id.
            return { id: type.startsWith("pulumi:providers:") ? uuid : `${name}-${digest(uuid).slice(0, 8)}`, state: {} };
    }
}

/** The invokes the fixtures make. */
function callResult(args: MockCallArgs): MockCallResult {
    switch (args.token) {
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return { accountId: ACCOUNT_ID, arn: CALLER_ARN, userId: "AROAEXAMPLEDEPLOYER:ci-session", id: ACCOUNT_ID };
        case "aws:index/getRegion:getRegion":
            return { name: REGION, region: REGION, id: REGION };
        default:
            throw new Error(`keyguard mocks: no mock for invoke ${args.token}`);
    }
}

export function fixtureMocks(preview: boolean): Mocks {
    return {
        call: callResult,
        newResource(args: MockResourceArgs): MockResourceResult {
            const inputs = (args.inputs ?? {}) as State;
            if (preview) {
                // As in `pulumi preview`: inputs are known as given, computed outputs are not.
                return { id: undefined, state: { ...inputs } };
            }
            const { id, state } = computed(args.type, args.name, inputs);
            return { id, state: { ...inputs, ...state } };
        },
    };
}
