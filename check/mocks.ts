/**
 * The providers' stand-ins when `keyguard check` runs a program under `pulumi.runtime.setMocks`.
 *
 * They answer the way the engine would, so the policies see realistic values:
 * - preview (dry run): a new resource's computed outputs are unknown. The mock returns no id and
 *   echoes only the inputs as state, so everything else (ids, ARNs, autonamed names) stays unknown
 *   to the program, and whatever the program derives from them goes out as the unknown sentinel.
 * - apply: every output is known: KMS key ids are UUIDs, ARNs are well formed per service,
 *   autonamed resources get the CLI's `<name>-<7 hex>` suffix, Vault paths echo their inputs.
 * Every value derives from a hash of the resource's type and name, so results are the same on
 * every run and in every order (seed 000's alias is always the same `alias/<uuid>`).
 *
 * Invokes are answered in both modes (the engine runs them during preview too): the caller's
 * identity, region, partition, availability zones, and `aws.iam.getPolicyDocument` rendered from
 * its inputs as the provider renders it. Anything else is answered from `--mocks FILE`
 * (`{"<token>": {<outputs>}}`), or fails with a message that says so.
 */
import { createHash } from "crypto";
import type { MockCallArgs, MockCallResult, MockResourceArgs, MockResourceResult, Mocks } from "@pulumi/pulumi/runtime/mocks";
import { GET_POLICY_DOCUMENT, renderPolicyDocument } from "./policy-document";

export const ACCOUNT_ID = "123456789012";
export const REGION = "us-west-2";
/** Who deploys: a CI job's assumed-role session, as `aws.getCallerIdentity` reports it. */
export const CALLER_ARN = `arn:aws:sts::${ACCOUNT_ID}:assumed-role/pulumi-deployer/ci-session`;

export interface MockOptions {
    /** `pulumi preview` (computed outputs unknown) rather than `pulumi up`. */
    preview: boolean;
    /** The stack's `aws:region`, when configured. */
    region?: string;
    /** `--mocks FILE`: outputs per invoke token, or extra outputs per resource type. */
    answers?: Record<string, Record<string, unknown>>;
}

/**
 * Why invokes failed, one line each, in order. The runtime does not pass a mock's error message
 * on intact (it surfaces as an empty "error serializing property"), so the run reports from here.
 */
export const invokeFailures: string[] = [];

/** An invoke nobody answers: the run stops with this message. */
export class UnknownInvokeError extends Error {
    constructor(readonly token: string) {
        super(`the program calls ${token}, which keyguard's mocks do not answer; give its outputs with --mocks FILE, a JSON file like {"${token}": {…}}`);
    }
}

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

/** `aws:<module>/<resource>:<Resource>` → module and resource ("s3", "bucketV2"). */
function tokenParts(type: string): { pkg: string; module: string; resource: string } {
    const [pkg, middle = "", resource = ""] = type.split(":");
    return { pkg, module: middle.split("/")[0], resource };
}

/** An IAM path as it appears in an ARN: `/`, or `/team/ml/`. */
function iamPath(path: unknown): string {
    const parts = (str(path) ?? "").split("/").filter((p) => p !== "");
    return parts.length ? `/${parts.join("/")}/` : "/";
}

const kebab = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();

/** The outputs a provider computes on create. */
function computed(type: string, name: string, inputs: State, region: string): { id: string; state: State } {
    const uuid = seededUuid(type, name);
    const hex = (n: number) => digest(uuid).slice(0, n);
    const arn = (service: string, resource: string, regional = true) => `arn:aws:${service}:${regional ? region : ""}:${ACCOUNT_ID}:${resource}`;
    const named = (key = "name") => str(inputs[key]) ?? (str(inputs.namePrefix) ? `${String(inputs.namePrefix)}${hex(26)}` : autoName(type, name));
    switch (type) {
        case "aws:kms/key:Key":
        case "aws:kms/replicaKey:ReplicaKey":
            return { id: uuid, state: { keyId: uuid, arn: arn("kms", `key/${uuid}`) } };
        case "aws:kms/alias:Alias": {
            const alias = str(inputs.name) ?? `alias/${autoName(type, name)}`;
            return { id: alias, state: { name: alias, arn: arn("kms", alias), targetKeyArn: arn("kms", `key/${str(inputs.targetKeyId) ?? uuid}`) } };
        }
        case "aws:iam/role:Role": {
            const roleName = named();
            return { id: roleName, state: { name: roleName, arn: arn("iam", `role${iamPath(inputs.path)}${roleName}`, false), uniqueId: `AROA${hex(17).toUpperCase()}` } };
        }
        case "aws:iam/user:User": {
            const userName = named();
            return { id: userName, state: { name: userName, arn: arn("iam", `user/${userName}`, false), uniqueId: `AIDA${hex(17).toUpperCase()}` } };
        }
        case "aws:iam/policy:Policy": {
            const policyName = named();
            const policyArn = arn("iam", `policy/${policyName}`, false);
            return { id: policyArn, state: { name: policyName, arn: policyArn, policyId: `ANPA${hex(17).toUpperCase()}` } };
        }
        case "aws:iam/instanceProfile:InstanceProfile": {
            const profile = named();
            return { id: profile, state: { name: profile, arn: arn("iam", `instance-profile/${profile}`, false), uniqueId: `AIPA${hex(17).toUpperCase()}` } };
        }
        case "aws:iam/rolePolicy:RolePolicy": {
            const policyName = named();
            return { id: `${str(inputs.role) ?? "role"}:${policyName}`, state: { name: policyName } };
        }
        case "aws:iam/rolePolicyAttachment:RolePolicyAttachment":
            return { id: `${str(inputs.role) ?? "role"}-${hex(20)}`, state: {} };
        case "aws:iam/accessKey:AccessKey":
            return { id: `AKIA${hex(16).toUpperCase()}`, state: { secret: `keyguard-mock-secret-${hex(20)}` } };
        case "aws:s3/bucket:Bucket":
        case "aws:s3/bucketV2:BucketV2": {
            const bucket = str(inputs.bucket) ?? (str(inputs.bucketPrefix) ? `${String(inputs.bucketPrefix)}${hex(26)}` : autoName(type, name));
            return { id: bucket, state: { bucket, arn: `arn:aws:s3:::${bucket}`, bucketDomainName: `${bucket}.s3.amazonaws.com`, bucketRegionalDomainName: `${bucket}.s3.${region}.amazonaws.com`, region } };
        }
        case "aws:secretsmanager/secret:Secret": {
            const secretName = named();
            const secretArn = arn("secretsmanager", `secret:${secretName}-${hex(6)}`);
            return { id: secretArn, state: { name: secretName, arn: secretArn } };
        }
        case "aws:ssm/parameter:Parameter": {
            const parameter = named();
            return { id: parameter, state: { name: parameter, arn: arn("ssm", `parameter${parameter.startsWith("/") ? "" : "/"}${parameter}`), version: 1 } };
        }
        case "aws:lambda/function:Function": {
            const fn = named();
            const fnArn = arn("lambda", `function:${fn}`);
            return { id: fn, state: { name: fn, arn: fnArn, qualifiedArn: `${fnArn}:$LATEST`, invokeArn: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${fnArn}/invocations`, version: "$LATEST" } };
        }
        case "aws:sns/topic:Topic": {
            const topic = named();
            const topicArn = arn("sns", topic);
            return { id: topicArn, state: { name: topic, arn: topicArn } };
        }
        case "aws:sqs/queue:Queue": {
            const queue = named();
            const url = `https://sqs.${region}.amazonaws.com/${ACCOUNT_ID}/${queue}`;
            return { id: url, state: { name: queue, arn: arn("sqs", queue), url } };
        }
        case "aws:dynamodb/table:Table": {
            const table = named();
            return { id: table, state: { name: table, arn: arn("dynamodb", `table/${table}`) } };
        }
        case "aws:cloudwatch/logGroup:LogGroup": {
            const group = named();
            return { id: group, state: { name: group, arn: arn("logs", `log-group:${group}`) } };
        }
        case "aws:ecr/repository:Repository": {
            const repo = named();
            return { id: repo, state: { name: repo, arn: arn("ecr", `repository/${repo}`), registryId: ACCOUNT_ID, repositoryUrl: `${ACCOUNT_ID}.dkr.ecr.${region}.amazonaws.com/${repo}` } };
        }
        case "aws:ec2/vpc:Vpc":
        case "aws:ec2/subnet:Subnet":
        case "aws:ec2/securityGroup:SecurityGroup": {
            const prefix = { "aws:ec2/vpc:Vpc": "vpc", "aws:ec2/subnet:Subnet": "subnet", "aws:ec2/securityGroup:SecurityGroup": "sg" }[type];
            const id = `${prefix}-${hex(17)}`;
            return { id, state: { arn: arn("ec2", `${kebab(tokenParts(type).resource)}/${id}`), ...(type === "aws:ec2/securityGroup:SecurityGroup" ? { name: named() } : {}) } };
        }
        case "vault:aws/secretBackend:SecretBackend":
        case "vault:index/mount:Mount":
        case "vault:index/authBackend:AuthBackend": {
            const defaultPath = type === "vault:aws/secretBackend:SecretBackend" ? "aws" : (str(inputs.type) ?? name);
            const path = str(inputs.path) ?? defaultPath;
            return { id: path, state: { path, accessor: `${type.split(":")[0]}_${hex(8)}` } };
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
            return generic(type, name, inputs, region, uuid);
    }
}

/** Services whose ARN service name differs from the provider's module name. */
const ARN_SERVICE: Record<string, string> = { cloudwatch: "logs", cognito: "cognito-idp", elasticsearch: "es", opensearch: "es", sfn: "states", lb: "elasticloadbalancing", alb: "elasticloadbalancing", ebs: "ec2" };

/**
 * Any other resource: an opaque, stable id, and for AWS resources an ARN of the usual
 * `arn:aws:<service>:<region>:<account>:<resource>/<name>` form and an autoname when it has none.
 */
function generic(type: string, name: string, inputs: State, region: string, uuid: string): { id: string; state: State } {
    const hex = digest(uuid).slice(0, 8);
    if (type.startsWith("pulumi:providers:")) return { id: uuid, state: {} };
    const { pkg, module, resource } = tokenParts(type);
    if (pkg !== "aws") return { id: `${name}-${hex}`, state: {} };
    const physical = str(inputs.name) ?? autoName(type, name);
    const service = ARN_SERVICE[module] ?? module;
    return { id: physical, state: { arn: `arn:aws:${service}:${region}:${ACCOUNT_ID}:${kebab(resource)}/${physical}`, ...(inputs.name === undefined ? { name: physical } : {}) } };
}

function availabilityZones(region: string): MockCallResult {
    const letters = ["a", "b", "c", "d"];
    const prefix = region.replace(/^(\w\w)-(\w)\w*-(\d+)$/, "$1$2$3");
    return { id: region, names: letters.map((l) => `${region}${l}`), zoneIds: letters.map((_l, i) => `${prefix}-az${i + 1}`), groupNames: [region], state: "available" };
}

/** The invokes answered without being told: identity, region, partition, zones, policy documents. */
function callResult(args: MockCallArgs, region: string): MockCallResult | undefined {
    switch (args.token) {
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return { accountId: ACCOUNT_ID, arn: CALLER_ARN, userId: "AROAEXAMPLEDEPLOYER:ci-session", id: ACCOUNT_ID };
        case "aws:index/getRegion:getRegion":
            return { name: region, region, id: region, description: region, endpoint: `ec2.${region}.amazonaws.com` };
        case "aws:index/getPartition:getPartition":
            return { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws", id: "aws" };
        case "aws:index/getAvailabilityZones:getAvailabilityZones":
            return availabilityZones(region);
        case GET_POLICY_DOCUMENT: {
            const rendered = renderPolicyDocument(args.inputs as Record<string, unknown>);
            return { ...args.inputs, ...rendered };
        }
        default:
            return undefined;
    }
}

export function checkMocks(opts: MockOptions): Mocks {
    const region = opts.region ?? REGION;
    const answers = opts.answers ?? {};
    return {
        call(args: MockCallArgs): MockCallResult {
            const given = Object.prototype.hasOwnProperty.call(answers, args.token) ? answers[args.token] : undefined;
            let result: MockCallResult | undefined;
            try {
                result = given ?? callResult(args, region);
            } catch (e) {
                // The provider would refuse these inputs the same way.
                invokeFailures.push(`${args.token} refuses its inputs: ${(e as Error).message}`);
                throw e;
            }
            if (result === undefined) {
                const error = new UnknownInvokeError(args.token);
                invokeFailures.push(error.message);
                throw error;
            }
            return result;
        },
        newResource(args: MockResourceArgs): MockResourceResult {
            const inputs = (args.inputs ?? {}) as State;
            if (opts.preview) {
                // As in `pulumi preview`: inputs are known as given, computed outputs are not.
                return { id: undefined, state: { ...inputs } };
            }
            const { id, state } = computed(args.type, args.name, inputs, region);
            const extra = Object.prototype.hasOwnProperty.call(answers, args.type) ? answers[args.type] : {};
            return { id, state: { ...inputs, ...state, ...extra } };
        },
    };
}
