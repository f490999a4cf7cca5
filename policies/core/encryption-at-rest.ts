/**
 * Encryption at rest under a customer-managed KMS key, for the data stores an AI pipeline writes.
 * Pure data and functions, no Pulumi.
 *
 * One table (`ENCRYPTION_AT_REST`) says, per resource type token, where the key setting lives
 * and which switches must be on for it to count. `encryptionFindings` judges one resource against
 * one row. test/core/encryption-at-rest.test.ts checks every token and property path of the
 * table against @pulumi/aws 7.48's own type definitions, so a renamed input cannot silently turn
 * a row off.
 *
 * Tokens are the same in @pulumi/aws v6 and v7 for every type here; where a shape differs the row
 * accepts both (Redshift's `encrypted` is a boolean in v6 and a string in v7). A value that is a
 * list where an object is expected (or the other way round) is read either way: every list met
 * on a path fans out, each element judged on its own.
 * Sources: the AWS developer guides' "encryption at rest" pages of each service.
 */
import { Finding } from "./finding";
import { isAwsManagedKeyRef } from "./kms";
import { DataPath, Leaf, leavesAt } from "./paths";
import { isSymmetricEncryptionKey, StackKey } from "./s3";
import { showPath } from "./secrets";
import { isUnknown } from "./wire";

/** A setting that must hold one of `on` for the key to be used at all ("encrypted": true, "encryptionType": "KMS"). */
export interface EncryptionSwitch {
    name: string;
    on: readonly (string | boolean)[];
    /** How the fix spells the value to set. */
    want: string;
    /** Whether AWS treats an absent setting as on (Redshift in v7 encrypts by default). */
    absentIsOn?: boolean;
}

export interface EncryptionRow {
    type: string;
    /** The resource kind in messages: "DynamoDB table". */
    label: string;
    /** Path from the resource to the object(s) holding the key; [] is the resource itself. Lists fan out. */
    at: readonly string[];
    /**
     * When the object at `at` is absent: "judge" means AWS falls back to its own encryption, so it is
     * judged as if empty; "skip" means the feature is not used (no offline store), nothing to judge.
     */
    whenAbsent: "judge" | "skip";
    /** The key property inside the object at `at`. */
    key: string;
    switches?: readonly EncryptionSwitch[];
    /** What AWS encrypts with when the switches are on and no key is set. */
    fallback: string;
    /** What AWS encrypts with when a switch is off, when that is not "nothing". */
    whenOff?: string;
    /** The row applies only when this path (from the resource) holds a non-empty value, or exactly `equals`. */
    onlyWhen?: { path: readonly string[]; equals?: string };
}

const AWS_MANAGED = "an AWS managed key";
const AWS_OWNED = "an AWS-owned key";

const SWITCH_TRUE = (name: string): EncryptionSwitch => ({ name, on: [true], want: "true" });

/** The table. Several rows may share a type (a Glue catalog has two keys). */
export const ENCRYPTION_AT_REST: readonly EncryptionRow[] = [
    // SageMaker
    { type: "aws:sagemaker/notebookInstance:NotebookInstance", label: "SageMaker notebook instance", at: [], whenAbsent: "judge", key: "kmsKeyId", fallback: AWS_MANAGED },
    { type: "aws:sagemaker/domain:Domain", label: "SageMaker domain", at: [], whenAbsent: "judge", key: "kmsKeyId", fallback: AWS_MANAGED },
    { type: "aws:sagemaker/endpointConfiguration:EndpointConfiguration", label: "SageMaker endpoint configuration", at: [], whenAbsent: "judge", key: "kmsKeyArn", fallback: AWS_MANAGED },
    { type: "aws:sagemaker/featureGroup:FeatureGroup", label: "SageMaker feature group offline store", at: ["offlineStoreConfig", "s3StorageConfig"], whenAbsent: "skip", key: "kmsKeyId", fallback: "Amazon S3's default encryption" },
    { type: "aws:sagemaker/featureGroup:FeatureGroup", label: "SageMaker feature group online store", at: ["onlineStoreConfig", "securityConfig"], whenAbsent: "judge", key: "kmsKeyId", fallback: AWS_OWNED, onlyWhen: { path: ["onlineStoreConfig"] } },
    // Bedrock
    { type: "aws:bedrock/customModel:CustomModel", label: "Bedrock custom model", at: [], whenAbsent: "judge", key: "customModelKmsKeyId", fallback: AWS_OWNED },
    { type: "aws:bedrock/agentAgent:AgentAgent", label: "Bedrock agent", at: [], whenAbsent: "judge", key: "customerEncryptionKeyArn", fallback: AWS_OWNED },
    {
        type: "aws:bedrock/agentKnowledgeBase:AgentKnowledgeBase",
        label: "Bedrock managed knowledge base",
        at: ["knowledgeBaseConfiguration", "managedKnowledgeBaseConfiguration", "serverSideEncryptionConfiguration"],
        whenAbsent: "judge",
        key: "kmsKeyArn",
        fallback: AWS_OWNED,
        // Only a MANAGED knowledge base stores its vectors in Bedrock; other types name a vector store judged on its own row.
        onlyWhen: { path: ["knowledgeBaseConfiguration", "type"], equals: "MANAGED" },
    },
    { type: "aws:bedrock/agentDataSource:AgentDataSource", label: "Bedrock knowledge base data source", at: ["serverSideEncryptionConfiguration"], whenAbsent: "judge", key: "kmsKeyArn", fallback: AWS_OWNED },
    // Databases, volumes, file systems
    { type: "aws:dynamodb/table:Table", label: "DynamoDB table", at: ["serverSideEncryption"], whenAbsent: "judge", key: "kmsKeyArn", switches: [SWITCH_TRUE("enabled")], fallback: "the AWS managed key aws/dynamodb", whenOff: AWS_OWNED },
    { type: "aws:ebs/volume:Volume", label: "EBS volume", at: [], whenAbsent: "judge", key: "kmsKeyId", switches: [SWITCH_TRUE("encrypted")], fallback: "the account's default EBS key (aws/ebs unless changed)" },
    {
        type: "aws:ec2/launchTemplate:LaunchTemplate",
        label: "launch template block device",
        at: ["blockDeviceMappings", "ebs"],
        whenAbsent: "skip",
        key: "kmsKeyId",
        // The provider takes this flag as a string ("true"); a boolean is accepted too.
        switches: [{ name: "encrypted", on: ["true", true], want: '"true"' }],
        fallback: "the account's default EBS key (aws/ebs unless changed)",
    },
    { type: "aws:efs/fileSystem:FileSystem", label: "EFS file system", at: [], whenAbsent: "judge", key: "kmsKeyId", switches: [SWITCH_TRUE("encrypted")], fallback: "the AWS managed key aws/elasticfilesystem" },
    { type: "aws:rds/instance:Instance", label: "RDS instance", at: [], whenAbsent: "judge", key: "kmsKeyId", switches: [SWITCH_TRUE("storageEncrypted")], fallback: "the AWS managed key aws/rds" },
    { type: "aws:rds/cluster:Cluster", label: "RDS cluster", at: [], whenAbsent: "judge", key: "kmsKeyId", switches: [SWITCH_TRUE("storageEncrypted")], fallback: "the AWS managed key aws/rds" },
    {
        type: "aws:redshift/cluster:Cluster",
        label: "Redshift cluster",
        at: [],
        whenAbsent: "judge",
        key: "kmsKeyId",
        // v6 takes a boolean, v7 a string; v7 encrypts by default, so an absent flag is judged by the key alone.
        switches: [{ name: "encrypted", on: [true, "true"], want: "true", absentIsOn: true }],
        fallback: AWS_OWNED,
    },
    { type: "aws:redshiftserverless/namespace:Namespace", label: "Redshift Serverless namespace", at: [], whenAbsent: "judge", key: "kmsKeyId", fallback: AWS_OWNED },
    { type: "aws:opensearch/domain:Domain", label: "OpenSearch domain", at: ["encryptAtRest"], whenAbsent: "judge", key: "kmsKeyId", switches: [SWITCH_TRUE("enabled")], fallback: "the AWS managed key aws/es" },
    { type: "aws:elasticsearch/domain:Domain", label: "Elasticsearch domain", at: ["encryptAtRest"], whenAbsent: "judge", key: "kmsKeyId", switches: [SWITCH_TRUE("enabled")], fallback: "the AWS managed key aws/es" },
    // Streams and messaging
    { type: "aws:kinesis/stream:Stream", label: "Kinesis stream", at: [], whenAbsent: "judge", key: "kmsKeyId", switches: [{ name: "encryptionType", on: ["KMS"], want: '"KMS"' }], fallback: "no key (AWS needs one for KMS encryption)" },
    {
        type: "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
        label: "Firehose delivery stream",
        at: ["serverSideEncryption"],
        whenAbsent: "judge",
        key: "keyArn",
        switches: [SWITCH_TRUE("enabled"), { name: "keyType", on: ["CUSTOMER_MANAGED_CMK"], want: '"CUSTOMER_MANAGED_CMK"' }],
        fallback: AWS_OWNED,
    },
    { type: "aws:sqs/queue:Queue", label: "SQS queue", at: [], whenAbsent: "judge", key: "kmsMasterKeyId", fallback: "SQS-owned keys (SSE-SQS)" },
    { type: "aws:sns/topic:Topic", label: "SNS topic", at: [], whenAbsent: "judge", key: "kmsMasterKeyId", fallback: "no server-side encryption at all" },
    // Logs, images, catalog, functions
    { type: "aws:cloudwatch/logGroup:LogGroup", label: "CloudWatch log group", at: [], whenAbsent: "judge", key: "kmsKeyId", fallback: "keys CloudWatch Logs owns" },
    {
        type: "aws:ecr/repository:Repository",
        label: "ECR repository",
        at: ["encryptionConfigurations"],
        whenAbsent: "judge",
        key: "kmsKey",
        switches: [{ name: "encryptionType", on: ["KMS", "KMS_DSSE"], want: '"KMS"' }],
        fallback: "the AWS managed key aws/ecr",
        whenOff: "AES-256 under keys Amazon ECR owns",
    },
    {
        type: "aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings",
        label: "Glue Data Catalog",
        at: ["dataCatalogEncryptionSettings", "encryptionAtRest"],
        whenAbsent: "judge",
        key: "sseAwsKmsKeyId",
        switches: [{ name: "catalogEncryptionMode", on: ["SSE-KMS", "SSE-KMS-WITH-SERVICE-ROLE"], want: '"SSE-KMS"' }],
        fallback: "the AWS managed key aws/glue",
    },
    {
        type: "aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings",
        label: "Glue Data Catalog (connection passwords)",
        at: ["dataCatalogEncryptionSettings", "connectionPasswordEncryption"],
        whenAbsent: "judge",
        key: "awsKmsKeyId",
        switches: [SWITCH_TRUE("returnConnectionPasswordEncrypted")],
        fallback: "the AWS managed key aws/glue",
    },
    {
        type: "aws:lambda/function:Function",
        label: "Lambda function's environment",
        at: [],
        whenAbsent: "judge",
        key: "kmsKeyArn",
        fallback: "the AWS managed key aws/lambda",
        // Without environment variables there is nothing for this key to encrypt.
        onlyWhen: { path: ["environment", "variables"] },
    },
];

/**
 * Types of the contract that have no key setting in @pulumi/aws 7.48, with why; the definitions
 * test fails when one gains a key-like input, so the row can be added.
 */
export const NO_KEY_SETTING: Readonly<Record<string, string>> = {
    "aws:sagemaker/modelPackageGroup:ModelPackageGroup": "a model package group holds no data of its own; its model artifacts live in S3 (s3-bucket-sse-kms)",
};

/** The table's type tokens, each once, in table order. */
export const ENCRYPTION_TYPES: readonly string[] = [...new Set(ENCRYPTION_AT_REST.map((r) => r.type))];

const isBag = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** One place a row's key setting sits in a resource: its path and the object there (undefined when absent). */
interface Slot {
    path: (string | number)[];
    bag: Record<string, unknown> | undefined;
}

/** A value read from a resource's top-level property (the adapter's reader: unknown sentinel, undefined when absent). */
export type TopReader = (property: string) => unknown;

/** Thrown to leave the walk at a computed value (an Error, as lint asks of everything thrown). */
class Unknown extends Error {}

/** `leavesAt`, refusing a verdict (throwing `Unknown`) when the walk meets a computed value. */
function walk(root: unknown, path: readonly string[], base: DataPath): Leaf[] {
    const leaves = leavesAt(root, path, base);
    if (leaves.some((l) => l.unknown)) throw new Unknown();
    return leaves;
}

function slotsOf(row: EncryptionRow, top: TopReader): Slot[] {
    if (row.at.length === 0) {
        const bag: Record<string, unknown> = { [row.key]: top(row.key) };
        for (const s of row.switches ?? []) bag[s.name] = top(s.name);
        return [{ path: [], bag }];
    }
    const [first, ...rest] = row.at;
    const slots: Slot[] = [];
    for (const { path, value } of walk(top(first), rest, [first])) {
        if (value === undefined || value === null) {
            if (row.whenAbsent === "judge") slots.push({ path, bag: undefined });
        } else if (isBag(value)) {
            slots.push({ path, bag: value });
        }
        // Anything else is malformed; the provider rejects it before AWS sees it.
    }
    return slots;
}

function applies(row: EncryptionRow, top: TopReader): boolean {
    if (!row.onlyWhen) return true;
    const [first, ...rest] = row.onlyWhen.path;
    const { equals } = row.onlyWhen;
    return walk(top(first), rest, []).some(({ value }) =>
        equals !== undefined ? value === equals : isBag(value) ? Object.keys(value).length > 0 : value !== undefined && value !== null && value !== "",
    );
}

const KEY_FIX = "a customer-managed KMS key (its ARN)";

/** Whether the value at a path reached the engine as a secret: then a finding shows it redacted. */
export type SecretAt = (path: readonly (string | number)[]) => boolean;

function judgeSlot(row: EncryptionRow, slot: Slot, keyOf: (top: string, keyRef: unknown) => StackKey | undefined, secretAt: SecretAt): Finding | undefined {
    const at = (name: string) => showPath([...slot.path, name]);
    const shown = (name: string, value: unknown) => (secretAt([...slot.path, name]) ? "<secret, redacted>" : value);
    const bag = slot.bag ?? {};
    const keyPath = at(row.key);
    const switches = row.switches ?? [];
    const turnOn = switches.map((s) => `${at(s.name)}: ${s.want}`);
    const settings = [...turnOn, `${keyPath} to ${KEY_FIX}`];
    const fix = `set ${settings.slice(0, -1).join(", ")}${settings.length > 1 ? " and " : ""}${settings[settings.length - 1]}`;
    for (const s of switches) {
        const value = bag[s.name];
        if (isUnknown(value)) return undefined;
        const absent = value === undefined || value === null;
        if (absent ? !s.absentIsOn : !s.on.includes(value as string | boolean)) {
            return { code: "encryption-off", problem: `${at(s.name)} does not turn on KMS encryption for this ${row.label}${row.whenOff ? `, so it is encrypted with ${row.whenOff}` : ""}`, value: absent ? undefined : shown(s.name, value), fix };
        }
    }
    const key = bag[row.key];
    // A computed key id (preview) is still judged when its dependency leads to a key in the stack.
    if (isUnknown(key)) return stackKeyFinding(row, slot, keyPath, keyOf(topOf(row, slot), key));
    if (key === undefined || key === null || key === "") {
        return { code: "no-customer-key", problem: `${keyPath} is not set, so this ${row.label} is encrypted with ${row.fallback}, not a customer-managed KMS key`, value: key === "" ? "" : undefined, fix };
    }
    if (typeof key !== "string") return { code: "key-not-a-reference", problem: `${keyPath} is not a KMS key ID, ARN or alias`, value: shown(row.key, key), fix };
    if (isAwsManagedKeyRef(key)) return { code: "aws-managed-key", problem: `${keyPath} names an AWS managed key, not a customer-managed one`, value: shown(row.key, key), fix };
    return stackKeyFinding(row, slot, keyPath, keyOf(topOf(row, slot), key));
}

/** The top-level property a slot's key sits under: what the engine's property dependencies are keyed by. */
function topOf(row: EncryptionRow, slot: Slot): string {
    return String(slot.path[0] ?? row.key);
}

/** Every service here encrypts data with symmetric keys only. */
function stackKeyFinding(row: EncryptionRow, slot: Slot, keyPath: string, inStack: StackKey | undefined): Finding | undefined {
    if (!inStack?.shape || isSymmetricEncryptionKey(inStack.shape.spec, inStack.shape.usage)) return undefined;
    return {
        code: "key-not-symmetric",
        problem: `${keyPath} is the KMS key ${inStack.name}, which is not a symmetric ENCRYPT_DECRYPT key`,
        value: `${String(inStack.shape.spec)} ${String(inStack.shape.usage)}`,
        fix: `set ${keyPath} to a SYMMETRIC_DEFAULT ENCRYPT_DECRYPT customer-managed key`,
    };
}

/**
 * Judges one resource against one row. `top` reads the resource's top-level properties;
 * `keyOf` finds the stack's KMS key behind a key reference in a top-level property, if the key is
 * in the stack; `secretAt` says which values must not be shown. Computed (unknown) values give no verdict for the place they are in.
 */
export function encryptionFindings(row: EncryptionRow, top: TopReader, keyOf: (top: string, keyRef: unknown) => StackKey | undefined, secretAt: SecretAt = () => false): Finding[] {
    try {
        if (!applies(row, top)) return [];
        return slotsOf(row, top)
            .map((slot) => judgeSlot(row, slot, keyOf, secretAt))
            .filter((f): f is Finding => f !== undefined);
    } catch (e) {
        if (e instanceof Unknown) return [];
        throw e;
    }
}
