/**
 * KMS facts: key specs, key usages and key-id shapes. Pure data and functions, no Pulumi.
 * Source: AWS KMS Developer Guide, "Key spec reference" and "CreateKey".
 */

export type KeyUsage = "ENCRYPT_DECRYPT" | "SIGN_VERIFY" | "GENERATE_VERIFY_MAC" | "KEY_AGREEMENT";

export interface KeySpecInfo {
    family: "symmetric" | "rsa" | "ecc" | "hmac" | "sm2" | "ml-dsa";
    usages: readonly KeyUsage[];
}

export const KEY_SPECS: Readonly<Record<string, KeySpecInfo>> = {
    SYMMETRIC_DEFAULT: { family: "symmetric", usages: ["ENCRYPT_DECRYPT"] },
    RSA_2048: { family: "rsa", usages: ["ENCRYPT_DECRYPT", "SIGN_VERIFY"] },
    RSA_3072: { family: "rsa", usages: ["ENCRYPT_DECRYPT", "SIGN_VERIFY"] },
    RSA_4096: { family: "rsa", usages: ["ENCRYPT_DECRYPT", "SIGN_VERIFY"] },
    ECC_NIST_P256: { family: "ecc", usages: ["SIGN_VERIFY", "KEY_AGREEMENT"] },
    ECC_NIST_P384: { family: "ecc", usages: ["SIGN_VERIFY", "KEY_AGREEMENT"] },
    ECC_NIST_P521: { family: "ecc", usages: ["SIGN_VERIFY", "KEY_AGREEMENT"] },
    ECC_SECG_P256K1: { family: "ecc", usages: ["SIGN_VERIFY"] },
    HMAC_224: { family: "hmac", usages: ["GENERATE_VERIFY_MAC"] },
    HMAC_256: { family: "hmac", usages: ["GENERATE_VERIFY_MAC"] },
    HMAC_384: { family: "hmac", usages: ["GENERATE_VERIFY_MAC"] },
    HMAC_512: { family: "hmac", usages: ["GENERATE_VERIFY_MAC"] },
    SM2: { family: "sm2", usages: ["ENCRYPT_DECRYPT", "SIGN_VERIFY", "KEY_AGREEMENT"] },
    ML_DSA_44: { family: "ml-dsa", usages: ["SIGN_VERIFY"] },
    ML_DSA_65: { family: "ml-dsa", usages: ["SIGN_VERIFY"] },
    ML_DSA_87: { family: "ml-dsa", usages: ["SIGN_VERIFY"] },
};

export const KEY_USAGES: readonly KeyUsage[] = ["ENCRYPT_DECRYPT", "SIGN_VERIFY", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT"];

/** AWS's defaults when a key omits them. */
export const DEFAULT_KEY_SPEC = "SYMMETRIC_DEFAULT";
export const DEFAULT_KEY_USAGE: KeyUsage = "ENCRYPT_DECRYPT";

/** AWS bounds on a custom rotation period (days). */
export const ROTATION_PERIOD_BOUNDS = { min: 90, max: 2560 } as const;

/** Only symmetric encryption keys in AWS-managed key material support automatic rotation. */
export function supportsAutomaticRotation(keySpec: unknown, keyUsage: unknown): boolean {
    return keySpec === "SYMMETRIC_DEFAULT" && keyUsage === "ENCRYPT_DECRYPT";
}

/** Judges a rotation period against the configured window; returns the problem, if any. */
export function rotationPeriodProblem(days: unknown, min: number, max: number): string | undefined {
    if (typeof days !== "number" || !Number.isInteger(days)) return "rotationPeriodInDays is not a whole number of days";
    if (days < min) return `rotationPeriodInDays is shorter than the allowed ${min} days`;
    if (days > max) return `rotationPeriodInDays is longer than the allowed ${max} days`;
    return undefined;
}
