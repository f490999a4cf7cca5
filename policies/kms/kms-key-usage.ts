import { DEFAULT_KEY_SPEC, DEFAULT_KEY_USAGE, KEY_SPECS, KEY_USAGES, keySpecUsageProblems } from "../core/kms";
import { resourcePolicy } from "../lib/define";
import { keyShape } from "../lib/kms-key";
import { Path, Reading } from "../lib/read";
import { KMS_KEY } from "../lib/types";

interface Config {
    allowedKeyUsages: string[];
    allowedKeySpecs: string[];
}

function setOneOf(field: string, allowed: readonly string[], knob: string): string {
    if (allowed.length === 0) return `allow a value in ${knob}`;
    if (allowed.length === 1) return `set ${field}: "${allowed[0]}"`;
    return `set ${field} to one of ${allowed.join(", ")}`;
}

/**
 * Spec and usage with AWS's defaults for what is absent, and undefined for what is unknown:
 * keyShape() gives up on the whole key when either part is unknown.
 */
function knownHalfOfKeyShape(read: (...path: Path) => Reading): { spec: unknown; usage: unknown } {
    const legacySpec = read("customerMasterKeySpec");
    const spec = legacySpec.state !== "absent" ? legacySpec : read("keySpec");
    const usage = read("keyUsage");
    const valueOf = (r: Reading, fallback: string) => (r.state === "known" ? r.value : r.state === "absent" ? fallback : undefined);
    return { spec: valueOf(spec, DEFAULT_KEY_SPEC), usage: valueOf(usage, DEFAULT_KEY_USAGE) };
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
    check({ read, report, config }) {
        const enabled = read("isEnabled");
        if (enabled.state === "known" && enabled.value !== true) {
            report({ problem: enabled.value === false ? "key is disabled" : "isEnabled is not true or false", value: enabled.value, fix: "set isEnabled: true, or remove the key" });
        }
        // While the spec or the usage is computed (preview), the other one is still judged against its
        // allowed list (the contract skips only the unknown value); the spec/usage pairing waits for both.
        const key = keyShape(read) ?? knownHalfOfKeyShape(read);
        const specField = read("customerMasterKeySpec").state === "known" ? "customerMasterKeySpec" : "keySpec";
        const problems = keySpecUsageProblems(key.spec, key.usage, config.allowedKeySpecs, config.allowedKeyUsages);
        for (const { field, kind } of problems.filter((p) => (p.field === "spec" ? key.spec : key.usage) !== undefined)) {
            if (kind === "mismatch") {
                const usages = KEY_SPECS[key.spec as string].usages;
                report({ problem: `keyUsage ${String(key.usage)} is not one AWS accepts for ${String(key.spec)} keys`, value: key.usage, fix: setOneOf("keyUsage", usages, "allowedKeyUsages") });
                continue;
            }
            const [label, value, knob, allowed, noun] =
                field === "spec" ? [specField, key.spec, "allowedKeySpecs", config.allowedKeySpecs, "key spec"] : ["keyUsage", key.usage, "allowedKeyUsages", config.allowedKeyUsages, "key usage"];
            const fix = setOneOf(label, allowed, knob);
            if (kind === "unrecognized") report({ problem: `${label} is not a KMS ${noun}`, value, fix: `check the spelling; ${fix}` });
            else report({ problem: `${label} is not an allowed ${noun}`, value, fix: `${fix}, or add ${value as string} to ${knob}` });
        }
    },
});
