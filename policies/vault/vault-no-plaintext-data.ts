/**
 * Secret material on Vault resources must reach the engine as a Pulumi secret.
 *
 * Secret-ness is judged on the engine's wire format (see lib/wire-tap.ts), never on what
 * @pulumi/vault happens to wrap: other SDK versions, `generic.Endpoint` in some releases and the
 * provider's own `token` arrive as plaintext. Which properties carry credentials is decided by
 * name in core/secrets.ts. The provider resource gets its nested login blocks as JSON text, so
 * those are searched inside.
 */
import { Secret } from "@pulumi/policy";
import { plaintextCredentials } from "../core/secrets";
import { resourcePolicy } from "../lib/define";
import { Path, Reading, secretsVisible } from "../lib/read";
import { VAULT_ANY, VAULT_PROVIDER } from "../lib/types";

type ReadFn = <T = unknown>(...path: Path) => Reading<T>;

/** The plaintext credentials of a resource, read as the engine sent them. */
function plaintextOf(type: string, read: ReadFn) {
    const bag = read();
    return bag.state === "known" ? plaintextCredentials(bag.value, (path) => read(...path), type === VAULT_PROVIDER) : [];
}

export const vaultNoPlaintextData = resourcePolicy({
    name: "vault-no-plaintext-data",
    description: "Secret material on Vault resources reaches the engine as a Pulumi secret, so it is encrypted in the state.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps:
        "Pass secret data (dataJson, passwords, tokens, secret ids, private keys, client secrets, AWS keys) as Pulumi secrets: store them with `pulumi config set --secret` or in Pulumi ESC and read them with config.requireSecret(), or use the write-only `…Wo` property where the resource offers one. Automatic remediation re-marks the value as a secret, which encrypts the state, but the literal stays in your source: move it out.",
    types: [VAULT_ANY, VAULT_PROVIDER],
    check({ type, props, read, notApplicable }) {
        if (!secretsVisible(props)) notApplicable("the engine's secret markers are not visible to this pack (wire tap not installed), so plaintext cannot be told from secrets");
        return plaintextOf(type, read).map((c) => c.finding);
    },
    remediate({ type, read, withChanges }) {
        // The whole top-level property that holds a plaintext credential is re-marked.
        const tops = [...new Set(plaintextOf(type, read).map((c) => String(c.path[0])))];
        if (tops.length === 0) return undefined;
        const changes: Record<string, unknown> = {};
        for (const top of tops) {
            const current = read(top);
            if (current.state === "known") changes[top] = new Secret(current.value);
        }
        return withChanges(changes);
    },
});
