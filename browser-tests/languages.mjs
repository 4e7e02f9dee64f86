// The public form in other languages, in headless Chromium (Debian's):
// step 1 of every language at 1400 px and at phone width, scanned with
// axe-core and kept as screenshots (SCREENSHOT_DIR); the whole form walked
// in Spanish and in Korean with a scan of every page, <html lang> checked
// on each; the language switched mid-form keeping the answers. BASE_URL
// must point at a running crt-portal. Exit status 1 on any failure or
// violation.
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";
import axe from "axe-core";

const base = process.env.BASE_URL;
const shots = process.env.SCREENSHOT_DIR || "screenshots";
if (!base) {
  console.error("BASE_URL is not set");
  process.exit(2);
}
mkdirSync(shots, { recursive: true });

const languages = [
  ["en", "en"],
  ["es", "es"],
  ["zh-hant", "zh-Hant"],
  ["zh-hans", "zh-Hans"],
  ["vi", "vi"],
  ["ko", "ko"],
  ["tl", "tl"],
];

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const problems = [];

function expect(cond, what) {
  if (!cond) problems.push(`expectation failed: ${what}`);
}

async function newPage(width, height) {
  const page = await browser.newPage({ viewport: { width, height } });
  page.on("pageerror", (e) => problems.push(`script error on ${page.url()}: ${e.message}`));
  page.on("response", (r) => {
    if (r.status() >= 400 && r.request().resourceType() !== "document") {
      problems.push(`${r.url()} answered ${r.status()} (loaded by ${page.url()})`);
    }
  });
  return page;
}

async function scan(page, name) {
  await page.evaluate(axe.source);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  );
  for (const v of result.violations) {
    problems.push(`${name}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }
  console.log(`scanned ${name}: ${result.violations.length} violation(s), ${result.passes.length} rule(s) passed`);
}

async function htmlLang(page) {
  return page.evaluate(() => document.documentElement.getAttribute("lang"));
}

async function next(page) {
  await Promise.all([page.waitForNavigation(), page.click("button[value=next]")]);
}

try {
  // Step 1 of every language, wide and narrow, with a screenshot of each.
  for (const [code, tag] of languages) {
    for (const [width, height, label] of [[1400, 900, "1400"], [390, 844, "phone"]]) {
      const page = await newPage(width, height);
      await page.goto(`${base}/report/?lang=${code}`);
      expect((await htmlLang(page)) === tag, `${code}: <html lang="${tag}">`);
      await scan(page, `step 1 in ${code} at ${label}`);
      await page.screenshot({ path: `${shots}/step1-${code}-${label}.png`, fullPage: true });
      await page.close();
    }
  }

  // The whole form in Spanish and in Korean, each page scanned.
  for (const [code, tag] of [["es", "es"], ["ko", "ko"]]) {
    const page = await newPage(1400, 900);
    const check = async (name) => {
      expect((await htmlLang(page)) === tag, `${code} ${name}: <html lang="${tag}"> (got ${await htmlLang(page)})`);
      await scan(page, `${name} in ${code}`);
    };
    await page.goto(`${base}/?lang=${code}`);
    await check("landing");
    await Promise.all([page.waitForNavigation(), page.click("a.usa-button--big")]);
    await check("contact");
    await next(page);
    await check("contact with errors");
    expect(await page.isVisible("#error-summary"), `${code}: error summary shown`);
    await page.screenshot({ path: `${shots}/errors-${code}-1400.png`, fullPage: true });
    await page.fill("#contact_first_name", "Ana");
    await page.fill("#contact_email", "ana@example.org");
    await page.click("label[for=servicemember-2]");
    await next(page);
    await check("primary concern");
    await page.click("label[for=primary_complaint-2]"); // housing
    await next(page);
    await check("location (housing)");
    await page.fill("#location_name", "Maple Apartments");
    await page.fill("#location_city_town", "Reno");
    await page.selectOption("#location_state", "NV");
    await next(page);
    await check("personal characteristics");
    await page.click("label[for=protected_class-8]"); // language
    await next(page);
    await check("date");
    await page.selectOption("#last_incident_month", "3");
    await page.fill("#last_incident_year", "2025");
    await next(page);
    await check("description");
    await page.fill("#violation_summary", code === "ko" ? "집주인이 제 억양 때문에 임대를 거절했습니다." : "El administrador no me quiso rentar por mi acento.");
    await next(page);
    await check("review");
    await page.screenshot({ path: `${shots}/review-${code}-1400.png`, fullPage: true });
    await Promise.all([page.waitForNavigation(), page.click("button[value=submit]")]);
    await check("confirmation");
    await page.screenshot({ path: `${shots}/confirmation-${code}-1400.png`, fullPage: true });
    const id = (await page.textContent(".crt-public-id")).trim();
    expect(/^\d+-[BCDFGHJKLMNPQRSTVWXZ]{3}$/.test(id), `${code}: public id (${id})`);
    console.log(`filed report ${id} in ${code}`);
    await page.close();
  }

  // Switching language mid-form keeps the answers.
  {
    const page = await newPage(390, 844);
    await page.goto(`${base}/report/?lang=vi`);
    await page.fill("#contact_first_name", "Lan");
    await page.fill("#contact_email", "not-an-address");
    await next(page); // saved, with an error
    await Promise.all([page.waitForNavigation(), page.click("nav.crt-lang-menu a[hreflang=zh-Hans]")]);
    expect((await htmlLang(page)) === "zh-Hans", "switched to zh-Hans");
    expect((await page.inputValue("#contact_first_name")) === "Lan", "the answers stay when the language changes");
    await scan(page, "contact after switching to zh-hans at phone width");
    await page.screenshot({ path: `${shots}/switched-zh-hans-phone.png`, fullPage: true });
    await page.close();
  }
} catch (e) {
  problems.push(`test crashed: ${e.stack || e}`);
} finally {
  await browser.close();
}

if (problems.length) {
  console.error(`\n${problems.length} problem(s):\n- ${problems.join("\n- ")}`);
  process.exit(1);
}
console.log(`languages browser test passed: no WCAG 2.1 A/AA violations; screenshots in ${shots}`);
