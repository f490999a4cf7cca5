/**
 * The data stores an AI pipeline writes are encrypted under a customer-managed KMS key.
 *
 * A stack policy: "where the key is in the stack it must be symmetric ENCRYPT_DECRYPT" needs the
 * key's own props, which a resource policy never sees (it gets a key ARN, or in preview an
 * unknown whose only trace is the property dependency). The rule table and the judging are in
 * core/encryption-at-rest.ts; this adapter reads, resolves in-stack keys and reports.
 */
import { ENCRYPTION_AT_REST, ENCRYPTION_TYPES, EncryptionRow, encryptionFindings } from "../core/encryption-at-rest";
import { stackPolicy } from "../lib/define";
import { rawOf } from "../lib/read";
import { indexStack } from "../lib/stack-index";
import { stackKeyResolver } from "../lib/stack-keys";
import { KMS_ALIAS, KMS_KEY } from "../lib/types";
import { installWireTap } from "../lib/wire-tap";

// Secret-wrapped key settings are shown redacted, which needs the engine's secret markers (idempotent).
installWireTap();

interface Config {
    resourceTypes: string[];
}

const rowsByType = new Map<string, EncryptionRow[]>();
for (const row of ENCRYPTION_AT_REST) rowsByType.set(row.type, [...(rowsByType.get(row.type) ?? []), row]);

export const awsEncryptionAtRestCmk = stackPolicy<Config>({
    name: "aws-encryption-at-rest-cmk",
    description: "The data stores an AI pipeline writes (SageMaker, Bedrock, DynamoDB, EBS, EFS, RDS, Redshift, OpenSearch, Kinesis, Firehose, SQS, SNS, CloudWatch Logs, ECR, Glue, Lambda environments) are encrypted under a customer-managed KMS key.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Create a customer-managed symmetric aws.kms.Key (SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT) for the data store and pass its ARN in the property the message names (kmsKeyId, kmsKeyArn, kmsMasterKeyId, …), turning the store's encryption switch on where it has one. Keys under alias/aws/ are AWS managed: you cannot control their policy or rotation.",
    config: {
        resourceTypes: {
            type: "array",
            description: "The resource type tokens to judge (all that the policy knows by default); remove a token to stop judging that type.",
            default: [...ENCRYPTION_TYPES],
            items: { type: "string", enum: [...ENCRYPTION_TYPES] },
        },
    },
    types: [...ENCRYPTION_TYPES, KMS_KEY, KMS_ALIAS],
    check({ resources, config, report }) {
        const judged = new Set(config.resourceTypes);
        if (!resources.some((r) => judged.has(r.type) && rowsByType.has(r.type))) return;
        const index = indexStack(resources);
        const resolveKey = stackKeyResolver(index);
        for (const resource of resources) {
            if (!judged.has(resource.type)) continue;
            const top = (property: string) => rawOf(resource.read(property));
            const keyOf = (property: string, keyRef: unknown) => resolveKey(resource, property, keyRef);
            const secretAt = (path: readonly (string | number)[]) => resource.read(...path).secret;
            for (const row of rowsByType.get(resource.type) ?? []) {
                for (const finding of encryptionFindings(row, top, keyOf, secretAt)) report(resource, finding);
            }
        }
    },
});
