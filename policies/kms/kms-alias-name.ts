import { aliasNameProblems } from "../core/kms";
import { resourcePolicy } from "../lib/define";
import { KMS_ALIAS } from "../lib/types";

interface Config {
    pattern?: string;
}

export const kmsAliasName = resourcePolicy<Config>({
    name: "kms-alias-name",
    description: "KMS alias names are valid, outside AWS's reserved alias/aws/ space, and say what the key is for.",
    enforcementLevel: "mandatory",
    severity: "low",
    remediationSteps:
        'Name the alias after what the key protects, e.g. name: "alias/<team>-<purpose>". It must start with alias/ (not alias/aws/ in any letter case), use only A-Z a-z 0-9 / _ -, stay within 256 characters, be more than a key id, and match the configured pattern if there is one.',
    config: {
        pattern: { type: "string", format: "regex", description: "The org's naming convention: a regular expression the whole alias name must match (anchors are implied). Unset: no convention." },
    },
    types: [KMS_ALIAS],
    check({ read, report, config }) {
        for (const field of ["name", "namePrefix"] as const) {
            const name = read(field);
            // Absent: the provider generates a valid name. Unknown (e.g. `alias/${key.id}` in preview): judged at update.
            if (name.state !== "known") continue;
            for (const { problem, fix } of aliasNameProblems(name.value, field, config.pattern)) report({ problem, value: name.value, fix });
        }
    },
});
