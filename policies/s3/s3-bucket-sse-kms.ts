import { BucketSse, SseShape, bucketSseFindings } from "../core/s3";
import { StackResource, stackPolicy } from "../lib/define";
import { StackIndex, indexStack } from "../lib/stack-index";
import { DeclaredSse, declaredSse, stackKeyResolver } from "../lib/stack-keys";
import { KMS_KEY, S3_BUCKET, S3_BUCKET_SSE_CONFIG, S3_BUCKET_SSE_CONFIG_V2, S3_BUCKET_V2 } from "../lib/types";

const BUCKETS = [S3_BUCKET, S3_BUCKET_V2];
const SSE_CONFIGS = [S3_BUCKET_SSE_CONFIG, S3_BUCKET_SSE_CONFIG_V2];

/** The names a bucket is known by (its `bucket` and `id` outputs), each once. */
function knownNames(bucket: StackResource): string[] {
    const names = ["bucket", "id"].map((p) => bucket.known(p)).filter((n): n is string => typeof n === "string" && n !== "");
    return [...new Set(names)];
}

/**
 * The separate SSE configuration resources that target `bucket`: by dependency first, then by known
 * name. Bucket names are globally unique in AWS, so a name two buckets of the stack claim matches
 * neither by name (dependencies still do); this also keeps the matching linear in the stack's size.
 */
function configsOf(index: StackIndex, bucket: StackResource, claims: ReadonlyMap<string, number>): StackResource[] {
    const found = new Map<string, StackResource>();
    for (const ref of index.referencesTo(bucket.urn, "bucket", SSE_CONFIGS)) found.set(ref.resource.urn, ref.resource);
    for (const name of knownNames(bucket)) {
        if (claims.get(name) !== 1) continue;
        for (const c of index.byKnownName(name, SSE_CONFIGS)) {
            if (c.known("bucket") === name) found.set(c.urn, c);
        }
    }
    return [...found.values()];
}

/** An SSE config whose target is computed and not traceable to a bucket in the stack could be any bucket's. */
function hasUntraceableConfig(index: StackIndex): boolean {
    return index.ofType(...SSE_CONFIGS).some((c) => c.read("bucket").state === "unknown" && index.dependenciesOf(c, "bucket", BUCKETS).length === 0);
}

export const s3BucketSseKms = stackPolicy({
    name: "s3-bucket-sse-kms",
    description: "Every S3 bucket encrypts by default with SSE-KMS under a customer-managed symmetric KMS key.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        'Add an aws.s3.BucketServerSideEncryptionConfiguration for the bucket (or, on a v6 aws.s3.Bucket, an inline serverSideEncryptionConfiguration) with sseAlgorithm "aws:kms" (or "aws:kms:dsse") and kmsMasterKeyId set to the ARN of a customer-managed SYMMETRIC_DEFAULT ENCRYPT_DECRYPT key, not alias/aws/s3.',
    framework: { name: "CIS AWS Foundations Benchmark", version: "3.0.0", reference: "2.1.1", specification: "Ensure S3 Bucket data at rest is encrypted" },
    types: [...BUCKETS, ...SSE_CONFIGS, KMS_KEY],
    check({ resources }) {
        const index = indexStack(resources);
        const resolveKey = stackKeyResolver(index);
        const claims = new Map<string, number>();
        for (const bucket of index.ofType(...BUCKETS)) {
            for (const name of knownNames(bucket)) claims.set(name, (claims.get(name) ?? 0) + 1);
        }
        const buckets: BucketSse<StackResource, DeclaredSse>[] = index.ofType(...BUCKETS).map((bucket) => {
            const shape: SseShape = bucket.type === S3_BUCKET_V2 ? "bucketV2" : "bucket";
            const configs = configsOf(index, bucket, claims).map((c) => declaredSse(index, c, "config", `${c.type.split(":").pop()} ${c.name}`));
            return { subject: bucket, configs, inline: declaredSse(index, bucket, shape) };
        });
        return bucketSseFindings(buckets, hasUntraceableConfig(index), (source, kmsMasterKeyId) => resolveKey(source.owner, source.property, kmsMasterKeyId));
    },
});
