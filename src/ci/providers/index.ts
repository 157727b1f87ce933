/**
 * The table of CI providers, in detection order: when several markers are set the first wins.
 * Providers whose jobs can run on another CI's machines come first; CodeBuild, which hosts GitHub
 * Actions and GitLab runners, and Jenkins, whose JENKINS_URL leaks into anything it starts, come last.
 */
import type { CiProvider } from "../types.ts";
import { azure } from "./azure.ts";
import { bitbucket } from "./bitbucket.ts";
import { buildkite } from "./buildkite.ts";
import { circleci } from "./circleci.ts";
import { codebuild } from "./codebuild.ts";
import { github } from "./github.ts";
import { gitlab } from "./gitlab.ts";
import { jenkins } from "./jenkins.ts";

export const PROVIDERS: readonly CiProvider[] = [github, gitlab, bitbucket, circleci, buildkite, azure, jenkins, codebuild];
