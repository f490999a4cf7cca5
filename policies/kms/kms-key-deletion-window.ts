import { DELETION_WINDOW_BOUNDS, deletionWindowFindings } from "../core/kms";
import { resourcePolicy } from "../lib/define";
import { rawOf } from "../lib/read";
import { KMS_EXTERNAL_KEY, KMS_KEY, KMS_REPLICA_EXTERNAL_KEY, KMS_REPLICA_KEY } from "../lib/types";

interface Config {
    minDays: number;
}

export const kmsKeyDeletionWindow = resourcePolicy<Config>({
    name: "kms-key-deletion-window",
    description: "KMS keys keep a long enough waiting period before deletion to undo a mistaken delete.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps:
        "Leave deletionWindowInDays unset (AWS waits 30 days) or set it to at least minDays (30 by default). Data encrypted under a deleted key cannot be decrypted, and the window is the only way back. Auto-fix raises it to minDays.",
    config: {
        minDays: { type: "integer", description: "Shortest allowed deletionWindowInDays.", default: 30, minimum: DELETION_WINDOW_BOUNDS.min, maximum: DELETION_WINDOW_BOUNDS.max },
    },
    types: [KMS_KEY, KMS_EXTERNAL_KEY, KMS_REPLICA_KEY, KMS_REPLICA_EXTERNAL_KEY],
    check: ({ read, config }) => deletionWindowFindings(rawOf(read("deletionWindowInDays")), config.minDays),
    // Every finding's fix is the same: the window becomes minDays.
    remediate: ({ read, withChanges, config }) =>
        deletionWindowFindings(rawOf(read("deletionWindowInDays")), config.minDays).length > 0 ? withChanges({ deletionWindowInDays: config.minDays }) : undefined,
});
