/**
 * AWS Region names, the one pattern for every reader of them (a Secrets Manager replica's region,
 * the regional form of a service principal). Pure, no Pulumi.
 *
 * A Region name is a lower-case prefix, one or two words and a number: `us-east-1`,
 * `ap-southeast-4`, `cn-north-1`, `us-gov-west-1`, `us-iso-east-1`, `us-isob-east-1`,
 * `eu-isoe-west-1`, `us-isof-south-1`, and the European Sovereign Cloud's `eusc-de-east-1`, whose
 * prefix has four letters. Source: the AWS SDKs' partition data (partitions.json), whose per-partition
 * `regionRegex` are `^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$`, `^cn-\w+-\d+$`, `^us-gov-\w+-\d+$`,
 * `^us-iso-\w+-\d+$`, `^us-isob-\w+-\d+$`, `^eu-isoe-\w+-\d+$`, `^us-isof-\w+-\d+$` and
 * `^eusc-(de)-\w+-\d+$`.
 *
 * The pattern takes the shape, not the list of partitions: a partition or Region AWS opens later
 * still reads as a Region (a service principal there must not be called invented), while
 * `us-east`, `useast1`, `US-EAST-1` and an Availability Zone (`us-east-1a`) do not. Words are
 * letters between dashes and every count is bounded, so a match tries a few splits at most and
 * never crosses a dot: linear on any input, alone or inside a principal's form.
 */
const REGION = /[a-z]{2,4}(?:-[a-z]+){1,2}-\d{1,2}/;

/** The pattern's source, unanchored, for a larger pattern that holds a Region name (`logs.<region>.amazonaws.com`). */
export const REGION_PATTERN = REGION.source;

const REGION_NAME = new RegExp(`^(?:${REGION_PATTERN})$`);

/** Whether `text` is a well-formed AWS Region name (the whole string). */
export function isRegionName(text: unknown): text is string {
    return typeof text === "string" && REGION_NAME.test(text);
}
