/**
 * Judged per resource, where each SSE rule is declared (the separate configuration resources and
 * a v6 Bucket's inline configuration), rather than across the stack: the finding belongs to the
 * resource that declares the rule, and only a resource policy can remediate it.
 */
import { SSE_PROPERTY, SseRules, SseShape, bucketKeyFindings, sseRulesOf, withBucketKeys } from "../core/s3";
import { resourcePolicy } from "../lib/define";
import { Path, PlainReading } from "../lib/read";
import { S3_BUCKET, S3_BUCKET_SSE_CONFIG, S3_BUCKET_SSE_CONFIG_V2, S3_BUCKET_V2 } from "../lib/types";

const SHAPES: Readonly<Record<string, SseShape>> = {
    [S3_BUCKET]: "bucket",
    [S3_BUCKET_V2]: "bucketV2",
    [S3_BUCKET_SSE_CONFIG]: "config",
    [S3_BUCKET_SSE_CONFIG_V2]: "config",
};

/**
 * The SSE rules as plain data. The remediate path deserializes nested secrets as `Secret`
 * instances, where check() sees their values; judged as they were, a secret `bucketKeyEnabled:
 * true` looked unset and was rewritten in plaintext (found by fuzz). The plain reading gives both
 * paths the same view.
 */
const sseRules = (type: string, plain: (...path: Path) => PlainReading): SseRules => sseRulesOf(SHAPES[type], plain(SSE_PROPERTY[SHAPES[type]]).value);

export const s3BucketKeyEnabled = resourcePolicy({
    name: "s3-bucket-key-enabled",
    description: "SSE-KMS default encryption turns on S3 Bucket Keys, which cut KMS request cost.",
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps: 'Set bucketKeyEnabled: true on each default-encryption rule with sseAlgorithm "aws:kms". (DSSE-KMS does not support Bucket Keys.)',
    types: Object.keys(SHAPES),
    check: ({ type, plain }) => bucketKeyFindings(sseRules(type, plain)),
    remediate({ type, read, plain, withChanges }) {
        const property = SSE_PROPERTY[SHAPES[type]];
        const top = read(property);
        // A secret-wrapped configuration would come back in plaintext: leave it to the author.
        if (top.state !== "known" || top.secret) return undefined;
        // The rules are found in the plain view; the edit is made to the value as it came, secrets inside kept.
        const fixed = withBucketKeys(top.value, sseRules(type, plain));
        return fixed === undefined ? undefined : withChanges({ [property]: fixed });
    },
});
