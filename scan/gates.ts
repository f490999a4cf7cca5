/**
 * The checks that keep a gate honest, before and after judging, for `keyguard scan` and `keyguard
 * check` alike: a config mistake is a config error (exit 2), a run that judged nothing is not a
 * pass (exit 2 unless --allow-empty), and a preview that hides the unchanged resources is said.
 */
import type { PackConfig } from "../harness/in-process";
import { settingsOf } from "../harness/in-process";
import { resolveConfig } from "../policies/lib/config";
import type { KeyguardPolicy } from "../policies/lib/define";
import type { PreviewSteps } from "./input";
import { ConfigError } from "./report";
import { judgedTypes } from "./run";

/**
 * Every problem of the pack config, one line per policy (unknown knob, wrong type, bad regex,
 * exemption without a reason: what the pack says once per policy over gRPC), from the same
 * resolution the policies run. Policies the config does not mention have nothing to get wrong.
 */
export function configProblems(policies: readonly KeyguardPolicy[], config: PackConfig): string[] {
    const lines: string[] = [];
    for (const policy of policies) {
        if (typeof config[policy.name] !== "object") continue;
        const { problems } = resolveConfig(policy.name, policy.keyguard.configFields, settingsOf(policy, config));
        if (problems.length > 0) lines.push(`${policy.name}: ${problems.map((p) => p.replace(`${policy.name}: `, "")).join("; ")}`);
    }
    return lines;
}

/** Throws the config's problems as one ConfigError; returns when there are none. */
export function assertValidConfig(policies: readonly KeyguardPolicy[], config: PackConfig): void {
    const problems = configProblems(policies, config);
    if (problems.length > 0) throw new ConfigError(problems);
}

/** How many of `resources` some running policy judges (by type, with the matcher scan selects resources by). */
export function judgeableCount(resources: readonly { type: string }[], running: readonly KeyguardPolicy[]): number {
    const judged = judgedTypes(running);
    return resources.reduce((n, r) => n + (judged(r.type) ? 1 : 0), 0);
}

/**
 * The one line that fails a run which judged nothing: an empty artifact, or one with only types no
 * running policy judges (`pulumi preview` of another cloud's stack, a stack of components). A gate
 * that prints PASS there is a gate that passes a mistake; --allow-empty says the stack has none.
 */
export function nothingToJudge(what: string, resources: readonly { type: string }[], running: readonly KeyguardPolicy[]): string | undefined {
    if (judgeableCount(resources, running) > 0) return undefined;
    const held = resources.length === 0 ? "holds no resources" : `holds ${resources.length} resource${resources.length === 1 ? "" : "s"}, none of a type keyguard's running policies judge`;
    return `nothing to judge: ${what} ${held}; pass --allow-empty if this stack legitimately has none`;
}

/**
 * A preview taken without --show-sames lists only what changes, so stack policies (S3 encryption
 * by a separate resource, kv mounts) miss the unchanged rest of the stack and pass what they cannot
 * see. An existing stack always has its unchanged stack resource, so "changes, but not one same"
 * means the flag was left off.
 */
export function showSamesWarning(steps: PreviewSteps | undefined): string | undefined {
    if (!steps || steps.sames > 0 || steps.changes === 0 || steps.createsStack) return undefined;
    return `warning: this preview lists only the ${steps.changes} resource${steps.changes === 1 ? "" : "s"} that change, none unchanged; stack policies cannot see the rest of the stack. Run \`pulumi preview --json --show-sames\` for a complete verdict.`;
}
