import { describe, expect, it } from "vitest";
import { forgeLinks, parseRepoUrl, repoFromUrl } from "../../src/ci/repo-url.ts";
import { webUrl } from "../../src/ci/web-url.ts";

describe("repoFromUrl", () => {
  it.each([
    ["git@github.com:acme/app.git", "acme/app"],
    ["git@github.com:acme/app", "acme/app"],
    ["https://github.com/acme/app.git", "acme/app"],
    ["https://github.com/acme/app", "acme/app"],
    ["https://github.com/acme/app/", "acme/app"],
    ["https://github.com/acme/app.git/", "acme/app"],
    ["  https://github.com/acme/app.git\n", "acme/app"],
    ["https://x-access-token:ghs_secret@github.com/acme/app.git", "acme/app"],
    ["https://jenkins@github.com/acme/app.git", "acme/app"],
    ["ssh://git@github.com/acme/app.git", "acme/app"],
    ["ssh://git@github.com:22/acme/app.git", "acme/app"],
    ["git://github.com/acme/app.git", "acme/app"],
    ["git+ssh://git@github.com/acme/app.git", "acme/app"],
    ["git@gitlab.com:acme/data/app.git", "acme/data/app"],
    ["https://gitlab.com/acme/data/app.git", "acme/data/app"],
    ["git@bitbucket.org:acme/app.git", "acme/app"],
    ["https://acme@bitbucket.org/acme/app.git", "acme/app"],
    ["https://git.acme.test/scm/data/app.git", "data/app"],
    ["ssh://git@git.acme.test:7999/data/app.git", "data/app"],
    ["https://acme@dev.azure.com/acme/data/_git/app", "acme/data/app"],
    ["git@ssh.dev.azure.com:v3/acme/data/app", "acme/data/app"],
    ["https://acme.visualstudio.com/data/_git/app", "data/app"],
    ["https://git-codecommit.us-east-1.amazonaws.com/v1/repos/app", "app"],
    ["https://github.com/acme/my.github-repo.git", "acme/my.github-repo"],
    ["https://GitHub.com/Acme/App.git", "Acme/App"],
  ])("%s -> %s", (url, repo) => {
    expect(repoFromUrl(url)).toBe(repo);
  });

  it.each([
    [""],
    ["not a url"],
    ["/srv/git/app.git"],
    ["file:///srv/git/app.git"],
    ["ftp://github.com/acme/app.git"],
    ["https://github.com/app.git"],
    ["https://github.com/"],
    ["https://github.com/acme/../app.git"],
    ["https://github.com/acme/app\u001b[31m.git"],
    [`https://github.com/acme/${"a".repeat(3000)}.git`],
  ])("%j is not a repository URL", (url) => {
    expect(repoFromUrl(url)).toBeUndefined();
  });

  it("reports the lower-cased host", () => {
    expect(parseRepoUrl("git@GitHub.com:acme/app.git")).toEqual({ host: "github.com", path: "acme/app" });
  });
});

describe("forgeLinks", () => {
  it.each([
    ["git@github.com:acme/app.git", "https://github.com/acme/app/tree/feat/%23x", "https://github.com/acme/app/pull/7"],
    ["git@gitlab.com:acme/data/app.git", "https://gitlab.com/acme/data/app/-/tree/feat/%23x", "https://gitlab.com/acme/data/app/-/merge_requests/7"],
    ["git@bitbucket.org:acme/app.git", "https://bitbucket.org/acme/app/branch/feat/%23x", "https://bitbucket.org/acme/app/pull-requests/7"],
  ])("%s", (url, tree, change) => {
    const links = forgeLinks(parseRepoUrl(url) ?? { host: "", path: "" });
    expect([links?.tree("feat/#x"), links?.change("7")]).toEqual([tree, change]);
  });

  it("gives no links for self-hosted servers, whose URL layout is unknown", () => {
    expect(forgeLinks({ host: "git.acme.test", path: "data/app" })).toBeUndefined();
  });
});

describe("webUrl", () => {
  it.each([
    ["https://gitlab.com/acme/app/", {}, "https://gitlab.com/acme/app"],
    ["https://user:pw@dev.azure.com/acme/_git/app?x=1#y", {}, "https://dev.azure.com/acme/_git/app"],
    ["http://bitbucket.org/acme/app", { upgradeHttp: true }, "https://bitbucket.org/acme/app"],
    ["http://gitlab.acme.test/app", {}, "http://gitlab.acme.test/app"],
    ["javascript:alert(1)", {}, undefined],
    ["git@github.com:acme/app.git", {}, undefined],
    ["/relative/path", {}, undefined],
  ])("%s -> %s", (raw, options, expected) => {
    expect(webUrl(raw, options)).toBe(expected);
  });
});
