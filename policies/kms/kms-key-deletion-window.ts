import { DELETION_WINDOW_BOUNDS, deletionWindowProblem } from "../core/kms";
import { resourcePolicy } from "../lib/define";
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
    check({ read, report, config }) {
        const days = read("deletionWindowInDays");
        if (days.state !== "known") return; // absent: AWS's 30 days
        const problem = deletionWindowProblem(days.value, config.minDays);
        if (problem) report({ problem, value: days.value, fix: `set deletionWindowInDays: ${config.minDays}` });
    },
    remediate({ read, withChanges, config }) {
        const days = read("deletionWindowInDays");
        if (days.state !== "known" || !deletionWindowProblem(days.value, config.minDays)) return undefined;
        return withChanges({ deletionWindowInDays: config.minDays });
    },
});
