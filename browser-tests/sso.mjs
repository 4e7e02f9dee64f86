// Headless Chromium signs in through single sign-on against
// oidc-provider-mock (MOCK_URL), at a desktop and a phone width: a staff
// link while signed out, the Division-account button, the provider's form,
// the report list; sign-out through the provider's logout (which the
// pages' Content-Security-Policy must let the form redirect to); a person
// outside the portal groups gets the no-access page. axe-core scans the
// portal's pages. BASE_URL is a crt-portal with single sign-on on.
import { chromium } from "playwright-core";
import axe from "axe-core";

const base = process.env.BASE_URL;
const mock = process.env.MOCK_URL;
if (!base || !mock) {
  console.error("BASE_URL and MOCK_URL must be set");
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const problems = [];
const expect = (cond, what) => {
  if (!cond) problems.push(`expectation failed: ${what}`);
};

try {
  for (const [width, height] of [[1400, 900], [390, 844]]) {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    const onPortal = () => page.url().startsWith(base);
    page.on("console", (m) => {
      // The mock's own pages fetch a stylesheet from the internet.
      if (onPortal() && m.type() === "error" && !m.text().startsWith("Failed to load resource")) {
        problems.push(`${width}px: console error on ${page.url()}: ${m.text()}`);
      }
    });
    page.on("response", (r) => {
      if (r.url().startsWith(base) && r.status() >= 400 && r.request().resourceType() !== "document") {
        problems.push(`${width}px: ${r.url()} answered ${r.status()}`);
      }
    });
    const scan = async (name) => {
      await page.evaluate(axe.source);
      const result = await page.evaluate(() =>
        window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
      );
      for (const v of result.violations) {
        problems.push(`${width}px ${name}: ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      }
      console.log(`${width}px: scanned ${name}: ${result.violations.length} violation(s)`);
    };
    const signInAs = async (sub) => {
      await Promise.all([page.waitForNavigation(), page.click("text=Sign in with your Division account")]);
      expect(page.url().startsWith(`${mock}/oauth2/authorize`), `${width}px: at the provider (${page.url()})`);
      await page.fill("input[name=sub]", sub);
      await Promise.all([page.waitForNavigation(), page.click("button:has-text('Authorize')")]);
    };

    await page.goto(`${base}/form/view/?status=new`);
    expect(page.url() === `${base}/accounts/login/?next=/form/view/%3Fstatus%3Dnew`, `${width}px: sent to sign in (${page.url()})`);
    expect((await page.$("input[type=password]")) === null, `${width}px: no password form`);
    await scan("sign-in page");
    await signInAs("ana.browser@example.gov");
    expect(page.url() === `${base}/form/view/?status=new`, `${width}px: back on the page asked for (${page.url()})`);
    expect((await page.textContent("h1")).trim() === "Reports", `${width}px: the report list`);
    expect((await page.textContent("body")).includes("Signed in as Ana Browser"), `${width}px: signed in by name`);

    await Promise.all([page.waitForNavigation(), page.click("button:has-text('Sign out')")]);
    expect(page.url().startsWith(`${mock}/oauth2/end_session`), `${width}px: at the provider's logout (${page.url()})`);
    const confirm = await page.$("button[type=submit]");
    if (confirm) await Promise.all([page.waitForNavigation(), confirm.click()]);
    expect(page.url() === `${base}/accounts/login/?signed_out=1`, `${width}px: back, signed out (${page.url()})`);
    expect((await page.textContent("body")).includes("You have signed out."), `${width}px: says so`);
    await page.goto(`${base}/form/view/`);
    expect(page.url().startsWith(`${base}/accounts/login/`), `${width}px: signed out for real`);

    await signInAs("bo.browser@example.gov");
    expect((await page.textContent("h1")).trim() === "You do not have access to this page", `${width}px: no access`);
    await scan("no-access page");
    await context.close();
  }
} catch (e) {
  problems.push(`error: ${e.stack || e}`);
} finally {
  await browser.close();
}
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log("single sign-on browser test passed: no WCAG 2.1 A/AA violations");
