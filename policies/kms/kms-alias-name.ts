import { aliasNameFindings } from "../core/kms";
import { resourcePolicy } from "../lib/define";
import { rawOf } from "../lib/read";
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
    check: ({ read, config }) => aliasNameFindings({ name: rawOf(read("name")), namePrefix: rawOf(read("namePrefix")) }, config.pattern),
});
