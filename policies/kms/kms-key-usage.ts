import { KEY_SPECS, KEY_USAGES, keyUsageFindings } from "../core/kms";
import { resourcePolicy } from "../lib/define";
import { keyParts } from "../lib/kms-key";
import { KMS_KEY } from "../lib/types";

interface Config {
    allowedKeyUsages: string[];
    allowedKeySpecs: string[];
}

export const kmsKeyUsage = resourcePolicy<Config>({
    name: "kms-key-usage",
    description: "KMS keys use an allowed key usage and key spec, and are enabled.",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps:
        "Set keyUsage and keySpec to values in allowedKeyUsages and allowedKeySpecs (ENCRYPT_DECRYPT and SYMMETRIC_DEFAULT by default), in a combination AWS accepts, and leave isEnabled unset or true. To allow another kind of key, add it to the policy config.",
    config: {
        allowedKeyUsages: { type: "array", items: { type: "string", enum: [...KEY_USAGES] }, default: ["ENCRYPT_DECRYPT"], description: "Key usages a key may have." },
        allowedKeySpecs: { type: "array", items: { type: "string", enum: Object.keys(KEY_SPECS) }, default: ["SYMMETRIC_DEFAULT"], description: "Key specs (customerMasterKeySpec or keySpec) a key may have." },
    },
    types: [KMS_KEY],
    check({ read, known, config }) {
        return keyUsageFindings({ ...keyParts(read), isEnabled: known("isEnabled") }, config.allowedKeySpecs, config.allowedKeyUsages);
    },
});
