// A minimal static file server for the built site (dist/), on a free localhost port. localhost is a
// secure context, which WebGPU and some storage APIs require.
import { createServer } from "node:http";
import { createReadStream, statSync } from "node:fs";
import { extname, join, normalize, resolve } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".wasm": "application/wasm",
  ".onnx": "application/octet-stream",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml",
  ".webmanifest": "application/manifest+json",
};

function fileFor(root, urlPath) {
  const clean = normalize(decodeURIComponent(urlPath.split("?")[0])).replace(/^(\.\.[/\\])+/, "");
  const path = join(root, clean);
  if (!path.startsWith(root)) return null;
  for (const candidate of [path, join(path, "index.html"), `${path}.html`]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // try the next form of the address
    }
  }
  return null;
}

/** Serves `dir`; resolves to { url, close }. Unknown paths get dist/404.html with status 404. */
export function serveStatic(dir) {
  const root = resolve(dir);
  const server = createServer((request, response) => {
    const file = fileFor(root, request.url ?? "/");
    if (!file) {
      const notFound = join(root, "404.html");
      response.writeHead(404, { "content-type": TYPES[".html"] });
      try {
        createReadStream(notFound).pipe(response);
      } catch {
        response.end("Not found");
      }
      return;
    }
    response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolvePromise) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolvePromise({
        url: `http://localhost:${address.port}`,
        close: () => new Promise((done) => server.close(() => done(undefined))),
      });
    });
  });
}
