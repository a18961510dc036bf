// Opens the VS Code workbench in headless Chromium with the test payload (extension under
// development + compiled suite) and relays what the extension host reports.
import { createRequire } from 'node:module';
import { setTimeout } from 'node:timers';
import { URL } from 'node:url';
import { format } from 'node:util';

const require = createRequire(import.meta.url);

/**
 * @typedef {object} Workbench
 * @property {Promise<{ code: number, logs: { relativePath: string, contents: string }[] }>} exited
 *   resolves when the suite's run() settles (0 = resolved) and the extension host stopped
 * @property {Promise<string>} crashed  resolves with a reason if the page or browser dies
 * @property {(file: string) => Promise<void>} screenshot
 * @property {() => Promise<void>} close
 */

/**
 * @param {object} options
 * @param {import('./install.mjs').Tools} options.tools
 * @param {number} options.port
 * @param {string} options.workspace      folder to open
 * @param {string} options.extensionPath  extension under development (the repository)
 * @param {string} options.testsPath      CommonJS module exporting run()
 * @param {(level: string, message: string) => void} options.onLog  the workbench log, test host console included
 * @returns {Promise<Workbench>}
 */
export async function openWorkbench({ tools, port, workspace, extensionPath, testsPath, onLog }) {
  // playwright-core lives in the cache folder, not in the project's dependencies.
  const { chromium } = require(tools.playwright);
  const browser = await chromium.launch({
    executablePath: tools.chromium,
    headless: true,
    timeout: 120_000,
    // The harness handles signals itself so that it can stop the server too.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage'],
  });
  const close = async () => {
    await Promise.race([browser.close().catch(() => undefined), new Promise((r) => setTimeout(r, 10_000))]);
  };
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const remote = (/** @type {string} */ p) => `vscode-remote://127.0.0.1:${port}${p.split('/').map(encodeURIComponent).join('/')}`;
    const payload = [
      ['extensionDevelopmentPath', remote(extensionPath)],
      ['extensionTestsPath', remote(testsPath)],
      ['skipWelcome', 'true'],
    ];
    /** @type {(value: { code: number, logs: { relativePath: string, contents: string }[] }) => void} */
    let onExit = () => undefined;
    const exited = new Promise((resolve) => (onExit = resolve));
    // The workbench calls these on `window` when started with --enable-smoke-test-driver.
    // A log entry is console-style arguments: a format string and its values.
    await page.exposeFunction('codeAutomationLog', (/** @type {string} */ level, /** @type {unknown} */ message) =>
      onLog(level, Array.isArray(message) ? format(...message) : String(message)),
    );
    await page.exposeFunction('codeAutomationExit', (/** @type {number} */ code, /** @type {unknown} */ logs) =>
      onExit({ code, logs: Array.isArray(logs) ? logs : [] }),
    );
    const crashed = new Promise((resolve) => {
      page.on('crash', () => resolve('the workbench page crashed'));
      browser.on('disconnected', () => resolve('the browser exited'));
    });
    const url = new URL(`http://127.0.0.1:${port}/`);
    url.searchParams.set('folder', workspace);
    url.searchParams.set('payload', JSON.stringify(payload));
    await page.goto(url.href, { timeout: 120_000 });
    return {
      exited,
      crashed,
      close,
      async screenshot(file) {
        await page.screenshot({ path: file, timeout: 30_000 });
      },
    };
  } catch (err) {
    await close();
    throw err;
  }
}
