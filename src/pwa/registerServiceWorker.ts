// Registers the service worker (production builds only: `astro dev` has no sw.js) and keeps two
// pieces of BaseLayout's chrome current (OfflineNotice.astro):
// - the footer line "Offline: 13 lessons, 4.1 MB", linking to the offline page;
// - the update notice: when a new build's worker has installed and waits, "A new version of Deep
//   Sky is ready — Reload"; the button lets it take over and reloads once it has, so this tab never
//   runs pages of one build with assets of another.
import { askStatus, offlineSummary, type OfflineStatus } from "./offlineStatus.ts";

/** Fired on window with the latest status, for pages that show more of it (the offline page). */
export const OFFLINE_STATUS_EVENT = "deep-sky:offline-status";

async function refreshStatus(): Promise<OfflineStatus | null> {
  const registration = await navigator.serviceWorker.getRegistration();
  const worker = registration?.active;
  if (!worker) return null;
  const status = await askStatus(worker);
  if (!status) return null;
  const line = document.querySelector<HTMLElement>("[data-offline-line]");
  const link = line?.querySelector("a");
  if (line && link) {
    link.textContent = navigator.onLine ? offlineSummary(status) : `You are offline. ${offlineSummary(status)}`;
    line.hidden = false;
  }
  window.dispatchEvent(new CustomEvent<OfflineStatus>(OFFLINE_STATUS_EVENT, { detail: status }));
  return status;
}

function announceUpdate(worker: ServiceWorker | null, message: string): void {
  const notice = document.querySelector<HTMLElement>("[data-update-notice]");
  const text = notice?.querySelector<HTMLElement>("[data-update-text]");
  const button = notice?.querySelector<HTMLButtonElement>("[data-update-reload]");
  if (!notice || !text || !button) return;
  text.textContent = message;
  notice.hidden = false;
  button.onclick = () => {
    button.disabled = true;
    // A waiting worker takes over first (controllerchange then reloads); one already in control
    // (another tab accepted the update) only needs the reload.
    if (worker && worker.state === "installed") {
      reloadWhenControlled = true;
      worker.postMessage({ type: "skip-waiting" });
    } else location.reload();
  };
}

let reloadWhenControlled = false;

export async function startServiceWorker(base: string): Promise<void> {
  if (!("serviceWorker" in navigator)) return;
  const container = navigator.serviceWorker;
  const hadController = container.controller !== null;
  container.addEventListener("controllerchange", () => {
    if (reloadWhenControlled) {
      location.reload();
      return;
    }
    // The first worker on this device claiming the page is not an update; a later one is (the
    // learner accepted it in another tab), and this page still runs the old build.
    if (hadController) announceUpdate(null, "A new version of Deep Sky is now active.");
    void refreshStatus();
  });
  window.addEventListener("online", () => void refreshStatus());
  window.addEventListener("offline", () => void refreshStatus());

  // register() rejects where storage is off limits (some private modes) and yields nothing where the
  // browser is told to block workers (the other browser-test suites): then the site simply stays online-only.
  const registration: ServiceWorkerRegistration | undefined = await container
    .register(`${base}sw.js`, { scope: base })
    .catch(() => undefined);
  if (!registration) return;
  const watch = (worker: ServiceWorker) => {
    worker.addEventListener("statechange", () => {
      if (worker.state === "installed" && container.controller) announceUpdate(worker, "A new version of Deep Sky is ready.");
      if (worker.state === "activated") void refreshStatus();
    });
  };
  if (registration.waiting && container.controller) announceUpdate(registration.waiting, "A new version of Deep Sky is ready.");
  if (registration.installing) watch(registration.installing);
  registration.addEventListener("updatefound", () => {
    if (registration.installing) watch(registration.installing);
  });
  await refreshStatus();
}
