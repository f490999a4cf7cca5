import { vaultAwsSecretBackendTtl } from "../../policies/vault/vault-aws-secret-backend-ttl";
import { huge } from "../helpers";
import { secretWire, testPolicy, UNKNOWN } from "../lib/policy-tester";

const SB = "vault:aws/secretBackend:SecretBackend";
const UNSET = (name: string, shown: string) => `ai-app-backend: ${name} is not set, so leases fall back to Vault's 32-day system TTL (${shown}). Fix: set ${name} to at most 86400 seconds.`;
const NOT_SECONDS = (shown: string) => `ai-app-backend: defaultLeaseTtlSeconds is not a whole number of seconds (${shown}). Fix: set defaultLeaseTtlSeconds to at most 86400 seconds.`;
const OVER = (name: string, shown: string, cap = 86400) => `ai-app-backend: ${name} is longer than the allowed ${cap} seconds (${shown}). Fix: set ${name} to at most ${cap} seconds.`;
const DEFAULT_OVER_MAX = (shown: string, max: number) => `ai-app-backend: defaultLeaseTtlSeconds is longer than maxLeaseTtlSeconds (${shown}). Fix: set defaultLeaseTtlSeconds to at most maxLeaseTtlSeconds (${max}).`;
/** Odd defaults next to a good maximum: each is one "not a whole number" finding. */
const ODD_DEFAULTS: [string, unknown, string][] = [
    ["a string", "1h", '"1h"'],
    ["an object", { n: 1 }, '{"n":1}'],
    ["a list", [3600], "[3600]"],
    ["a 5 MB string", huge(), `"${"x".repeat(158)}…`],
    ["a negative number", -5, "-5"],
    ["a fraction", 0.5, "0.5"],
];

testPolicy(vaultAwsSecretBackendTtl, {
    type: SB,
    valid: [
        { title: "seed 003's backend (3600 / 86400)", props: { description: "AWS secrets backend for AI application", defaultLeaseTtlSeconds: 3600, maxLeaseTtlSeconds: 86400 } },
        { title: "default = max = cap", props: { defaultLeaseTtlSeconds: 86400, maxLeaseTtlSeconds: 86400 } },
        { title: "secret-wrapped values read like plain ones", props: { defaultLeaseTtlSeconds: secretWire(3600), maxLeaseTtlSeconds: secretWire(7200) } },
        { title: "within a configured cap", props: { defaultLeaseTtlSeconds: 3600, maxLeaseTtlSeconds: 14400 }, config: { maxLeaseTtlSeconds: 14400 } },
    ],
    invalid: [
        {
            title: "unset and zero TTLs (Vault's 32-day default)",
            name: "ai-app-backend",
            props: { path: "aws", maxLeaseTtlSeconds: 0 },
            messages: [UNSET("defaultLeaseTtlSeconds", "not set"), UNSET("maxLeaseTtlSeconds", "0")],
            codes: ["lease-ttl-unset", "lease-ttl-unset"],
        },
        { title: "an explicit defaultLeaseTtlSeconds: 0", name: "ai-app-backend", props: { defaultLeaseTtlSeconds: 0, maxLeaseTtlSeconds: 3600 }, messages: [UNSET("defaultLeaseTtlSeconds", "0")], codes: ["lease-ttl-unset"] },
        { title: "a default longer than the maximum", name: "ai-app-backend", props: { defaultLeaseTtlSeconds: 7200, maxLeaseTtlSeconds: 3600 }, messages: [DEFAULT_OVER_MAX("7200", 3600)], codes: ["default-over-max"] },
        { title: "a maximum above the default cap", name: "ai-app-backend", props: { defaultLeaseTtlSeconds: 3600, maxLeaseTtlSeconds: 2764800 }, messages: [OVER("maxLeaseTtlSeconds", "2764800")], codes: ["lease-ttl-over-cap"] },
        {
            title: "a maximum above the configured cap",
            name: "ai-app-backend",
            props: { defaultLeaseTtlSeconds: 3600, maxLeaseTtlSeconds: 86400 },
            config: { maxLeaseTtlSeconds: 14400 },
            messages: [OVER("maxLeaseTtlSeconds", "86400", 14400)],
            codes: ["lease-ttl-over-cap"],
        },
        ...ODD_DEFAULTS.map(([title, value, shown]) => ({ title: `defaultLeaseTtlSeconds ${title}`, name: "ai-app-backend", props: { defaultLeaseTtlSeconds: value, maxLeaseTtlSeconds: 3600 }, messages: [NOT_SECONDS(shown)], codes: ["lease-ttl-not-seconds"] })),
        { title: "defaultLeaseTtlSeconds null", name: "ai-app-backend", props: { defaultLeaseTtlSeconds: null, maxLeaseTtlSeconds: 3600 }, messages: [UNSET("defaultLeaseTtlSeconds", "not set")], codes: ["lease-ttl-unset"] },
        {
            title: "an absurd value breaks each bound it can",
            name: "ai-app-backend",
            props: { defaultLeaseTtlSeconds: 1e308, maxLeaseTtlSeconds: 3600 },
            messages: [OVER("defaultLeaseTtlSeconds", "1e+308"), DEFAULT_OVER_MAX("1e+308", 3600)],
            codes: ["lease-ttl-over-cap", "default-over-max"],
        },
    ],
    preview: [
        { title: "both TTLs computed", props: { defaultLeaseTtlSeconds: UNKNOWN, maxLeaseTtlSeconds: UNKNOWN } },
        { title: "a computed maximum", props: { defaultLeaseTtlSeconds: 3600, maxLeaseTtlSeconds: UNKNOWN } },
    ],
    config: [
        {
            config: { maxLeaseTtlSeconds: "a day" },
            errors: ['vault-aws-secret-backend-ttl: config maxLeaseTtlSeconds must be an integer (got "a day"); using the default 86400. Fix: correct it in the policy pack config.'],
        },
    ],
});
