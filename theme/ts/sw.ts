// The service worker of one edition (it lives at <edition>/sw.js, so its
// scope is that edition). On install it caches the edition's pages, assets,
// search index and calculator module listed in precache.json; afterwards it
// answers from the cache first, so the handbook and its calculator work with
// the network off. It never sends anything anywhere.
/// <reference lib="webworker" />
export {};
declare const self: ServiceWorkerGlobalScope;

const scope = new URL(self.registration.scope);
const cacheName = "handbook:" + scope.pathname;

async function precache(): Promise<void> {
  const res = await fetch(new URL("precache.json", scope).toString(), { cache: "no-cache" });
  if (!res.ok) return;
  const urls: string[] = await res.json();
  const cache = await caches.open(cacheName);
  // One by one, so one missing file does not lose the rest.
  await Promise.all(
    urls.map(async (u) => {
      try {
        const r = await fetch(u, { cache: "no-cache" });
        if (r.ok) await cache.put(u, r);
      } catch {
        /* offline during install: cached on the next visit */
      }
    }),
  );
}

self.addEventListener("install", (ev) => {
  ev.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (ev) => {
  ev.waitUntil(self.clients.claim());
});

self.addEventListener("fetch", (ev) => {
  const req = ev.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== location.origin) return;
  ev.respondWith(
    (async () => {
      const cache = await caches.open(cacheName);
      // Pages: network first (a fresh revision wins), cache when offline.
      if (req.mode === "navigate") {
        try {
          const res = await fetch(req);
          if (res.ok) await cache.put(stripQuery(url), res.clone());
          return res;
        } catch {
          const hit = (await cache.match(stripQuery(url))) || (await cache.match(stripQuery(url) + "index.html"));
          if (hit) return hit;
          throw new Error("offline and not cached");
        }
      }
      // Assets are content-hashed: the cache is always right.
      const hit = await cache.match(req, { ignoreSearch: true });
      if (hit) return hit;
      const res = await fetch(req);
      if (res.ok && url.pathname.startsWith(scope.pathname)) await cache.put(req, res.clone());
      return res;
    })(),
  );
});

function stripQuery(u: URL): string {
  return u.origin + u.pathname;
}
