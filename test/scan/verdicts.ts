/** Verdicts as scan and the pack over gRPC both give them, for the parity tests to compare. */
import { Diagnostic, findingText } from "../../harness/in-process";
import { policies } from "../../policies";

export interface Verdict {
    policy: string;
    level: string;
    message: string;
    urn: string;
}

export const order = (a: Verdict, b: Verdict) => JSON.stringify(a).localeCompare(JSON.stringify(b));

/** A diagnostic as a verdict: the finding without the policy's description line, on `urn`. */
export function verdict(d: Diagnostic, urn: string): Verdict {
    const policy = policies.find((p) => p.name === d.policy);
    return { policy: d.policy, level: d.level, message: findingText(d.message, policy?.description), urn };
}
