import { descriptionFindings } from "../core/kms";
import { resourcePolicy } from "../lib/define";
import { rawOf } from "../lib/read";
import { KMS_EXTERNAL_KEY, KMS_KEY, KMS_REPLICA_EXTERNAL_KEY, KMS_REPLICA_KEY } from "../lib/types";

export const kmsKeyDescription = resourcePolicy({
    name: "kms-key-description",
    description: "KMS keys carry a description that says what they protect.",
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps:
        'Set description to what the key protects and who uses it, e.g. "Encrypts training data in the ai-pipeline bucket". It shows in the console and in CloudTrail reviews, where a key id alone says nothing.',
    types: [KMS_KEY, KMS_EXTERNAL_KEY, KMS_REPLICA_KEY, KMS_REPLICA_EXTERNAL_KEY],
    check: ({ read }) => descriptionFindings(rawOf(read("description"))),
});
