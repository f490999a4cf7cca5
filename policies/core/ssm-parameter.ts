/**
 * SSM parameters that hold credentials: a SecureString, under a customer-managed KMS key, with the
 * value reaching the engine as a Pulumi secret. Pure data and functions, no Pulumi.
 *
 * A parameter holds a credential when its name says so (the last segment of its path, by the same
 * words as aws-no-plaintext-credentials: `/ai/openai-api-key`) or its value has a credential's
 * format; a parameter declared SecureString is treated as holding one too (its author said so).
 */
import { isCredentialName } from "./compute-credentials";
import { Finding } from "./finding";
import { isAwsManagedKeyRef } from "./kms";
import { ValueMatch } from "./secret-patterns";
import { SecretReading, plaintextValueFinding, redacted } from "./secrets";
import { isUnknown } from "./wire";

export const SECURE_STRING = "SecureString";

export interface ParameterProps {
    /** The parameter's name: `name`, or the resource's name when `name` is not set (the provider's default). */
    name: unknown;
    type: SecretReading;
    keyId: SecretReading;
    value: SecretReading;
    insecureValue: SecretReading;
    /** Whether secret markers are visible (wire tap); when not, the value's secret-ness is not judged. */
    secretsVisible: boolean;
}

const known = (r: SecretReading): unknown => (r.state === "known" ? r.value : undefined);

/** The last segment of a parameter path: `/ai/prod/openai-api-key` → `openai-api-key`. */
export function leafName(name: string): string {
    return name.slice(name.lastIndexOf("/") + 1);
}

const KEY_FIX = "set keyId to a customer-managed KMS key (its ARN, ID or alias)";

export function ssmParameterFindings(p: ParameterProps, detect: (text: string) => ValueMatch | undefined): Finding[] {
    const type = known(p.type);
    const name = typeof p.name === "string" && !isUnknown(p.name) ? p.name : undefined;
    const byName = name !== undefined && isCredentialName(leafName(name));
    const text = [known(p.value), known(p.insecureValue)].find((v): v is string => typeof v === "string" && v !== "");
    const match = !byName && text !== undefined ? detect(text) : undefined;
    const secure = type === SECURE_STRING;
    if (!byName && !match && !secure) return [];

    const findings: Finding[] = [];
    const why = byName ? "the parameter's name says it holds a credential" : `its value is ${match?.label} by its format`;
    if (!secure && p.type.state === "known") {
        findings.push({ code: "not-secure-string", problem: `${why}, but its type is not SecureString, so SSM stores it unencrypted`, value: type, fix: `set type: "${SECURE_STRING}" and keyId to a customer-managed KMS key` });
    }
    if (secure) {
        const keyId = p.keyId;
        if (keyId.state === "absent" || (keyId.state === "known" && keyId.value === "")) {
            findings.push({ code: "no-customer-key", problem: "keyId is not set, so SSM encrypts this SecureString with the AWS managed key alias/aws/ssm", value: keyId.state === "known" ? "" : undefined, fix: KEY_FIX });
        } else if (keyId.state === "known" && typeof keyId.value === "string" && isAwsManagedKeyRef(keyId.value)) {
            findings.push({ code: "aws-managed-key", problem: "keyId names an AWS managed key, not a customer-managed one", value: keyId.secret ? "<secret, redacted>" : keyId.value, fix: KEY_FIX });
        }
    }
    const insecure = known(p.insecureValue);
    if (typeof insecure === "string" && insecure !== "") {
        findings.push({ code: "insecure-value", problem: "insecureValue holds the credential, which the provider never treats as a secret", value: redacted(insecure), fix: `pass it as value (a Pulumi secret, e.g. config.requireSecret()) with type: "${SECURE_STRING}"` });
    }
    const plaintext = p.secretsVisible ? plaintextValueFinding("value", p.value) : undefined;
    if (plaintext) findings.push(plaintext);
    return findings;
}
