/**
 * Credentials recognized by their value: AWS access key ids, private key PEM blocks, and the token
 * formats of AI and code hosts (OpenAI, Anthropic, Hugging Face, Groq, GitHub, GitLab, Slack,
 * npm, Stripe, Vault, …).
 *
 * The patterns are secretlint's recommended rule preset (@secretlint/secretlint-rule-preset-recommend,
 * MIT, maintained with a test per token format), not our own regexes. Its rules are driven directly
 * through their public rule API (`create(context, options)` → `file(source)` → `context.report`),
 * without secretlint's file-linting engine: we only need "which rule matched", never the match
 * (messages must not show a value). The preset ships as an ES module, so it is loaded once with a
 * real dynamic `import()` (see `loadSecretPatterns`), which the pack awaits before judging its
 * first resource; nothing is loaded at start-up. Google API keys are the one format the preset
 * lacks, so that single pattern is ours (`GOOGLE_API_KEY`).
 *
 * Every pattern must run in linear time on hostile input: test/core/secret-patterns.test.ts runs
 * each rule on 100k-character adversarial strings with a time budget.
 */
import { pathToFileURL } from "node:url";

/** What matched: the host or format, for the message ("an OpenAI API key"). */
export interface ValueMatch {
    /** The secretlint rule (or ours) that matched: "openai". */
    rule: string;
    /** Its message id: "OPENAI_TOKEN". */
    kind: string;
    /** Human wording: "an OpenAI credential". */
    label: string;
}

export type Detector = (text: string) => ValueMatch | undefined;

/** The part of secretlint's rule API we use (@secretlint/types SecretLintRuleCreator). */
interface RuleCreator {
    meta: { id: string };
    create(context: RuleContext, options: Record<string, unknown>): { file?(source: RuleSource): unknown };
}
interface RuleContext {
    createTranslator(messages: unknown): (messageId: string, props?: unknown) => unknown;
    report(descriptor: { message: unknown }): void;
    ignore(descriptor: unknown): void;
    registerRule(rule: unknown): void;
}
interface RuleSource {
    content: string;
    filePath: string;
    ext: string;
    contentType: "text";
}

const PRESET = "@secretlint/secretlint-rule-preset-recommend";
/** Preset rules we do not run: a comment-directive filter, not a detector. */
const SKIPPED_RULES: ReadonlySet<string> = new Set(["@secretlint/secretlint-rule-filter-comments"]);
/** Message ids that are not credentials: an AWS account id identifies, it does not authenticate. */
const NOT_CREDENTIALS: ReadonlySet<string> = new Set(["AWSAccountID"]);
/** Options per rule: the AWS rule scans for access key ids only when asked. */
const RULE_OPTIONS: Readonly<Record<string, Record<string, unknown>>> = { "@secretlint/secretlint-rule-aws": { enableIDScanRule: true } };

/** How messages name each rule's host; others are named by the rule's own short name. */
const HOSTS: Readonly<Record<string, string>> = {
    aws: "AWS",
    privatekey: "private key",
    npm: "npm",
    basicauth: "basic-auth URL",
    slack: "Slack",
    sendgrid: "SendGrid",
    shopify: "Shopify",
    stripe: "Stripe",
    github: "GitHub",
    gitlab: "GitLab",
    grafana: "Grafana",
    openai: "OpenAI",
    anthropic: "Anthropic",
    groq: "Groq",
    huggingface: "Hugging Face",
    linear: "Linear",
    notion: "Notion",
    "1password": "1Password",
    "database-connection-string": "database connection string",
    "hashicorp-vault": "HashiCorp Vault",
    vercel: "Vercel",
    databricks: "Databricks",
    docker: "Docker",
    figma: "Figma",
    cloudflare: "Cloudflare",
    tailscale: "Tailscale",
    google: "Google",
};

function labelOf(rule: string, kind: string): string {
    if (rule === "privatekey") return "a private key (PEM block)";
    if (rule === "aws") return kind === "AWSAccessKeyID" ? "an AWS access key id" : "an AWS secret access key";
    const host = HOSTS[rule] ?? rule;
    return `a${/^[aeiou]/i.test(host) ? "n" : ""} ${host} credential`;
}

/** Google API keys: "AIza" and 35 URL-safe characters (the format is fixed-length, so the pattern is linear). */
export const GOOGLE_API_KEY_PATTERN = /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/;

/** Longest text searched; compute configuration is far smaller (a Step Functions definition is at most 1 MB). */
export const MAX_SCANNED_CHARS = 1024 * 1024;

/** Builds a detector from secretlint rule creators. Exported for tests, which pass the preset's rules. */
export function detectorFrom(rules: readonly RuleCreator[]): Detector {
    let found: { rule: string; kind: string } | undefined;
    const handlers = rules
        .filter((r) => !SKIPPED_RULES.has(r.meta.id))
        .map((r) => {
            const rule = r.meta.id.replace(/^@secretlint\/secretlint-rule-/, "");
            const context: RuleContext = {
                // The message is the message id: a rule's own messages quote the secret.
                createTranslator: () => (messageId) => messageId,
                report: ({ message }) => {
                    const kind = String(message);
                    if (!found && !NOT_CREDENTIALS.has(kind)) found = { rule, kind };
                },
                ignore: () => undefined,
                registerRule: () => undefined,
            };
            return { rule, handler: r.create(context, RULE_OPTIONS[r.meta.id] ?? {}) };
        });
    return (text) => {
        if (text.length === 0) return undefined;
        const content = text.length > MAX_SCANNED_CHARS ? text.slice(0, MAX_SCANNED_CHARS) : text;
        found = undefined;
        for (const { handler } of handlers) {
            try {
                // A rule's own failure must not hide the others' matches (nor fail the preview).
                handler.file?.({ content, filePath: "configuration", ext: "", contentType: "text" });
            } catch {
                continue;
            }
            if (found) break;
        }
        if (!found && GOOGLE_API_KEY_PATTERN.test(content)) found = { rule: "google", kind: "GOOGLE_API_KEY" };
        const match = found as { rule: string; kind: string } | undefined;
        return match ? { ...match, label: labelOf(match.rule, match.kind) } : undefined;
    };
}

// A real dynamic import: TypeScript's CommonJS output would turn `import()` into `require()`,
// which cannot load an ES module on every Node 20 release. The code is a constant, not input.
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const importModule = new Function("url", "return import(url)") as (url: string) => Promise<{ rules: RuleCreator[] }>;

let loading: Promise<Detector> | undefined;
let loaded: Detector | undefined;

/** Loads the preset once; later calls return the same promise. */
export function loadSecretPatterns(): Promise<Detector> {
    loading ??= importModule(pathToFileURL(require.resolve(PRESET)).href).then((mod) => {
        loaded = detectorFrom(mod.rules);
        return loaded;
    });
    return loading;
}

/** The detector once `loadSecretPatterns` has resolved, else undefined. */
export function loadedSecretPatterns(): Detector | undefined {
    return loaded;
}
