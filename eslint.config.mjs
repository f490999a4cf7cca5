// @ts-check
/**
 * Lint is the house plan's guard (DESIGN.md, CONTRIBUTING.md):
 * - the pure core (policies/core/**) imports nothing from Pulumi nor from policies/lib;
 * - an adapter (policies/<service>/<policy>.ts) imports no other adapter: what two share lives in lib or core;
 * - no regular expression with super-linear backtracking (eslint-plugin-regexp), the bug class that
 *   hung previews three times;
 * - type-checked rules for promises and unsafe values.
 * test/lib/lint.test.ts proves the guards fire.
 */
import eslint from "@eslint/js";
import regexp from "eslint-plugin-regexp";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["dist/**", "node_modules/**", "bench/awsguard/**", "**/*.js", "**/*.mjs"] },
    eslint.configs.recommended,
    ...tseslint.configs.recommended,
    {
        languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
        plugins: { regexp },
        rules: {
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
            // Type-checked rules, a chosen subset of recommendedTypeChecked: the ones that catch real
            // defects here (a lost promise, a thrown non-error, "[object Object]" in a message, a
            // method torn from its object). The no-unsafe-* family is left out: the SDK's untyped
            // deserializer and JSON inputs make it noise, and read() already types what policies see.
            "@typescript-eslint/await-thenable": "error",
            "@typescript-eslint/no-floating-promises": "error",
            "@typescript-eslint/no-for-in-array": "error",
            "@typescript-eslint/no-implied-eval": "error",
            "@typescript-eslint/only-throw-error": "error",
            "@typescript-eslint/no-base-to-string": "error",
            "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true, allowBoolean: true }],
            "@typescript-eslint/unbound-method": "error",
            // Exponential or polynomial backtracking in any regex (tests and scripts too).
            "regexp/no-super-linear-backtracking": "error",
            "regexp/no-misleading-capturing-group": "error",
        },
    },
    {
        // Product code runs on users' documents: an unanchored search must not go quadratic either.
        files: ["policies/**/*.ts", "scan/**/*.ts", "harness/**/*.ts", "check/**/*.ts", "index.ts"],
        rules: { "regexp/no-super-linear-move": "error" },
    },
    {
        // The plan: the pure core imports nothing from Pulumi nor from the adapters' lib.
        files: ["policies/core/**/*.ts"],
        rules: {
            "no-restricted-imports": [
                "error",
                {
                    patterns: [
                        { group: ["@pulumi/*"], message: "policies/core is pure: it imports nothing from Pulumi. Read values in the adapter and pass plain data." },
                        { group: ["**/lib", "**/lib/**", "../lib/*", "../../lib/*"], message: "policies/core may not import policies/lib: the adapter reads, the core judges." },
                    ],
                },
            ],
        },
    },
    {
        // An adapter imports no other adapter: what two policies share lives in policies/lib or policies/core.
        files: ["policies/*/*.ts"],
        ignores: ["policies/core/**", "policies/lib/**"],
        rules: {
            "no-restricted-imports": [
                "error",
                {
                    patterns: [
                        {
                            regex: "^\\.\\./(?!core/|lib/)[^/]+/[^/]+$|^\\./[^/]+$",
                            message: "An adapter may not import another adapter: move what they share to policies/lib (reading) or policies/core (judging).",
                        },
                    ],
                },
            ],
        },
    },
);
