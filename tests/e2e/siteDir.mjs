/** The built site the browser tests serve: dist/ unless E2E_SITE_DIR names another build folder. */
export function siteDir() {
  return process.env.E2E_SITE_DIR || "dist";
}
