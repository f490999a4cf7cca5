/**
 * Programs shaped like the public Pulumi programs keyguard check must run: TypeScript split over
 * files with `main` in a subdirectory, config from a stack file with a secure value,
 * getPolicyDocument, resource references; an ES module with top-level await; CommonJS with a
 * component resource and a function export. Shared by the realistic-program tests.
 */
export const ML_PIPELINE: Record<string, string> = {
    "Pulumi.yaml": "name: ml-pipeline\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: src/\ndescription: model training bucket and role\n",
    "Pulumi.staging.yaml": [
        "config:",
        "  aws:region: eu-central-1",
        "  ml-pipeline:bucketPrefix: models-",
        "  ml-pipeline:apiToken:",
        "    secure: AAABAHGmYWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo=",
        "",
    ].join("\n"),
    "src/trust.ts": [
        'import * as aws from "@pulumi/aws";',
        "",
        "/** A trust policy letting one AWS service assume the role. */",
        "export function trustFor(service: string) {",
        "    return aws.iam.getPolicyDocumentOutput({",
        '        statements: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: [service] }] }],',
        "    }).json;",
        "}",
        "",
    ].join("\n"),
    "src/index.ts": [
        'import * as aws from "@pulumi/aws";',
        'import * as pulumi from "@pulumi/pulumi";',
        'import { trustFor } from "./trust";',
        "",
        "const config = new pulumi.Config();",
        'const key = new aws.kms.Key("models-key", { description: "Encrypts model artifacts", enableKeyRotation: true, deletionWindowInDays: 30 });',
        'const bucket = new aws.s3.Bucket("models", { bucketPrefix: config.require("bucketPrefix") });',
        'new aws.s3.BucketServerSideEncryptionConfiguration("models-sse", {',
        "    bucket: bucket.id,",
        '    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],',
        "});",
        'const role = new aws.iam.Role("trainer", { assumeRolePolicy: trustFor("sagemaker.amazonaws.com") });',
        "const access = aws.iam.getPolicyDocumentOutput({",
        "    statements: [",
        '        { sid: "ReadModels", actions: ["s3:GetObject", "s3:ListBucket"], resources: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`] },',
        '        { sid: "Everything", actions: ["s3:*"], resources: ["*"] },',
        "    ],",
        "});",
        'new aws.iam.RolePolicy("trainer-s3", { role: role, policy: access.json });',
        'const token = new aws.secretsmanager.Secret("api-token", { kmsKeyId: key.arn, description: "inference API token" });',
        'new aws.secretsmanager.SecretVersion("api-token-v1", { secretId: token.id, secretString: config.requireSecret("apiToken") });',
        "",
        "export const bucketName = bucket.bucket;",
        "",
    ].join("\n"),
};

export const ESM_PROGRAM: Record<string, string> = {
    "package.json": JSON.stringify({ name: "esm-program", type: "module", main: "index.js" }),
    "index.js": [
        'import * as aws from "@pulumi/aws";',
        "",
        "const caller = await aws.getCallerIdentity();",
        'export const key = new aws.kms.Key("esm-key", { description: `key of account ${caller.accountId}` });',
        "export const keyArn = key.arn;",
        "",
    ].join("\n"),
};

export const COMPONENT_PROGRAM: Record<string, string> = {
    "index.js": [
        'const pulumi = require("@pulumi/pulumi");',
        'const aws = require("@pulumi/aws");',
        "",
        "class SecureBucket extends pulumi.ComponentResource {",
        "    constructor(name, opts) {",
        '        super("acme:storage:SecureBucket", name, {}, opts);',
        '        this.key = new aws.kms.Key(`${name}-key`, { description: "bucket key", enableKeyRotation: true }, { parent: this });',
        "        this.bucket = new aws.s3.Bucket(name, {}, { parent: this });",
        "        this.registerOutputs({ bucket: this.bucket.id });",
        "    }",
        "}",
        "",
        "module.exports = async () => {",
        '    const data = new SecureBucket("data");',
        '    new aws.s3.BucketServerSideEncryptionConfiguration("data-sse", {',
        "        bucket: data.bucket.id,",
        '        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: data.key.keyId } }],',
        "    });",
        "    return { bucket: data.bucket.bucket };",
        "};",
        "",
    ].join("\n"),
};
