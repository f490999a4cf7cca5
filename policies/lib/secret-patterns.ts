/**
 * The value patterns (core/secret-patterns.ts) are an ES module, loaded on the first resource a
 * policy that needs them judges, never at start-up. The SDK awaits a validation that returns a
 * promise, so the policy's validation waits for the load once; after that it runs as it is.
 * A failed load is not thrown into the engine: the policy's check sees no patterns and says so.
 */
import type { ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import { loadSecretPatterns, loadedSecretPatterns } from "../core/secret-patterns";
import { KeyguardResourcePolicy, typeMatcher } from "./define";

export function withSecretPatterns(policy: KeyguardResourcePolicy): KeyguardResourcePolicy {
    const judged = typeMatcher(policy.keyguard.types);
    const validate = policy.validateResource as (args: ResourceValidationArgs, report: ReportViolation) => void | Promise<void>;
    return {
        ...policy,
        // Not async: only the first judged resource waits for the load; every other call (most
        // resources are not of these types) returns at once, without a promise of its own.
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            if (judged(args.type) && !loadedSecretPatterns()) {
                return loadSecretPatterns()
                    .catch(() => undefined)
                    .then(() => validate(args, reportViolation));
            }
            return validate(args, reportViolation);
        },
    };
}

/** The error a policy's check throws (reported as "could not evaluate") when the patterns did not load. */
export const PATTERNS_MISSING = "the secret patterns (@secretlint/secretlint-rule-preset-recommend) did not load, so values were not searched";
