// The service worker of one edition (it lives at <edition>/sw.js, so its
// scope is that edition), or of the site's root and changelog (at the
// site's sw.js; inside an edition, the edition's worker wins). On install it caches the edition's pages, assets,
// search index and calculator module listed in precache.json; afterwards
// pages and every file whose name does not change with its content (the
// search index's meta.json, images) come from the network when it answers
// (a fresh build wins) and from the cache when it does not, and only
// content-hashed files (assets/, the search index's shards) come from the
// cache first — so after one visit the handbook and its calculator work
// with the network off, and a rebuilt site is never read half old, half
// new. It never sends anything anywhere: the only requests it makes are
// for the site's own files.
/// <reference lib="webworker" />
export {};
declare const self: ServiceWorkerGlobalScope;

const scope = new URL(self.registration.scope);
const cacheName = "handbook:" + scope.pathname;
const listURL = new URL("precache.json", scope).toString();
const metaURL = new URL("search/meta.json", scope).toString();
// A page the network has not answered within this time comes from the
// cache, if it is there (a dead hotel Wi-Fi is worse than no network).
const navTimeoutMs = 4000;
// The list check a visit starts; one at a time.
let refreshing: Promise<void> | null = null;
// An edition of more pages than this is not fetched whole at install (a
// 10,000-page tree is 10,000 requests and 200 MB on a phone): the worker
// keeps the pages nearest its home (the home, then its parts and
// sections), the pages the reader opened, and the section of each page
// they open; a handbook of chapters is kept whole.
const pageCap = 200;

// page tells a page's address (pages are listed as folders) from a file's.
function page(u: string): boolean {
  return u.endsWith("/");
}

// parent is the folder of a page's address: /latest/a/b/ → /latest/a/.
function parent(pathname: string): string {
  return pathname.replace(/[^/]+\/$/, "");
}

/**
 * The URLs of the list to keep: all of them, or, for an edition of more
 * than pageCap pages, its files, the levels of pages nearest its home
 * that fit in pageCap (the home, its parts, their sections) and the pages
 * the cache holds already (opened, or of a section opened).
 */
async function wanted(cache: Cache, urls: string[]): Promise<string[]> {
  const pages = urls.filter(page);
  if (pages.length <= pageCap) return urls;
  // The levels of the tree from its home down, each whole while they fit.
  const levels: string[][] = [];
  for (const u of pages) {
    const d = new URL(u, scope).pathname.split("/").length;
    (levels[d] ??= []).push(new URL(u, scope).pathname);
  }
  const keep = new Set<string>();
  for (const level of levels) {
    if (!level) continue;
    if (keep.size + level.length > pageCap) break;
    for (const p of level) keep.add(p);
  }
  for (const req of await cache.keys()) keep.add(new URL(req.url).pathname);
  return urls.filter((u) => !page(u) || keep.has(new URL(u, scope).pathname));
}

/**
 * In an edition too big to keep whole, keeps the section of a page the
 * reader opened: the page, its sibling pages and, for a section's own page, the
 * pages under it (pageCap at most), so the chapter they are reading goes
 * on working in the tunnel.
 */
async function keepSection(at: URL): Promise<void> {
  const cache = await caches.open(cacheName);
  const list = await cache.match(listURL);
  if (!list) return;
  let urls: string[];
  try {
    urls = await list.json();
  } catch {
    return;
  }
  const pages = urls.filter(page);
  if (pages.length <= pageCap) return;
  const here = at.pathname.endsWith("/") ? at.pathname : at.pathname.replace(/[^/]*$/, "");
  const up = parent(here);
  const near = pages.filter((u) => {
    const p = new URL(u, scope).pathname;
    return p === here || parent(p) === here || (up.startsWith(scope.pathname) && parent(p) === up);
  });
  const have = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
  await Promise.all(
    near
      .filter((u) => !have.has(new URL(u, scope).pathname))
      .slice(0, pageCap)
      .map(async (u) => {
        try {
          const r = await fetch(u, { cache: "no-cache" });
          if (r.ok) await cache.put(u, r);
        } catch {
          /* offline: the section is kept on a later visit */
        }
      }),
  );
}

// hashed tells files named after their content, which never change: the
// theme's assets and the search index's shards (in a folder named after
// the index's build). Any other file may change under its name.
function hashed(url: URL): boolean {
  return url.pathname.includes("/assets/") || /\/search\/[0-9a-f]{8,}\//.test(url.pathname);
}

/**
 * Caches every URL of precache.json; with force=false only if the list
 * changed. A new list's files are all fetched before any is stored, so the
 * offline copy is one build's, never a mix; then what the new build no
 * longer has (a deleted chapter, the last index's shards, the last theme's
 * assets) is removed from the cache.
 */
async function precache(force: boolean): Promise<void> {
  const res = await fetch(listURL, { cache: "no-cache" });
  if (!res.ok) return;
  const text = await res.text();
  const cache = await caches.open(cacheName);
  const old = await cache.match(listURL);
  if (!force && old && (await old.text()) === text) return;
  let urls: string[];
  try {
    // The list's stamp ("#" and a hash of what its pages show) only
    // makes it change with them: it names no file.
    urls = (JSON.parse(text) as string[]).filter((u) => !u.startsWith("#"));
  } catch {
    return;
  }
  const fetched: [string, Response][] = [];
  let missing = 0;
  await Promise.all(
    (await wanted(cache, urls)).map(async (u) => {
      try {
        // Hashed files already cached are still right.
        if (hashed(new URL(u, scope)) && (await cache.match(u))) return;
        const r = await fetch(u, { cache: "no-cache" });
        if (r.ok) fetched.push([u, r]);
        else missing++;
      } catch {
        missing++; /* offline during install: cached on the next visit */
      }
    }),
  );
  // Incomplete (a file 404s, the network dropped): the list stays unstored,
  // so the next visit tries again. A last complete copy is kept whole —
  // a reader never gets one build's pages beside another's; without one
  // (the first install) every file that came is kept, or a single missing
  // file would leave the reader with nothing offline, not even the
  // chapter they had just read.
  if (missing > 0) {
    if (!old) await Promise.all(fetched.map(([u, r]) => cache.put(u, r)));
    return;
  }
  await Promise.all(fetched.map(([u, r]) => cache.put(u, r)));
  await cache.put(listURL, new Response(text, { headers: { "Content-Type": "application/json" } }));
  await prune(cache, urls);
}

// prune removes what the list does not name, but the shards of the search
// index its meta.json names (a big index is not in the list: its shards
// are kept as searches fetch them).
async function prune(cache: Cache, urls: string[]): Promise<void> {
  const keep = new Set(urls.map((u) => new URL(u, scope).href));
  keep.add(listURL);
  const meta = await cache.match(metaURL);
  const metaText = meta ? await meta.text() : "";
  const searchDir = new URL("search/", scope).pathname;
  for (const req of await cache.keys()) {
    const url = new URL(req.url);
    if (keep.has(url.href)) continue;
    if (url.pathname.startsWith(searchDir)) {
      const folder = url.pathname.slice(searchDir.length).split("/")[0];
      if (folder && url.pathname.length > searchDir.length + folder.length && metaText.includes('"' + folder + "/")) continue;
    }
    await cache.delete(req);
  }
}

/** Looks for a new precache list (a rebuilt site) unless a look is under way. */
function refresh(): Promise<void> {
  if (!refreshing) {
    refreshing = precache(false)
      .catch(() => {})
      .finally(() => {
        refreshing = null;
      });
  }
  return refreshing;
}

self.addEventListener("install", (ev) => {
  // The page that installs the worker was loaded before it: it and its
  // section are kept too.
  const opened = async () => {
    for (const c of await self.clients.matchAll({ includeUncontrolled: true, type: "window" })) {
      const u = new URL(c.url);
      if (u.pathname.startsWith(scope.pathname)) await keepSection(u);
    }
  };
  ev.waitUntil(
    precache(true)
      .then(opened)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (ev) => {
  ev.waitUntil(self.clients.claim());
});

self.addEventListener("fetch", (ev) => {
  const req = ev.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== location.origin) return;
  if (req.mode === "navigate") {
    ev.respondWith(navigate(req, url));
    // After a page is served, look for a new build's file list (one small
    // revalidated request), so the offline copy follows the site.
    ev.waitUntil(refresh().then(() => keepSection(url)));
    return;
  }
  ev.respondWith(hashed(url) ? asset(req, url) : fresh(req, url));
});

// Pages: network first, the cache when offline or too slow.
async function navigate(req: Request, url: URL): Promise<Response> {
  const cache = await caches.open(cacheName);
  const key = url.origin + url.pathname;
  const cached = async () =>
    (await cache.match(key)) || (await cache.match(key.endsWith("/") ? key + "index.html" : key + "/")) || undefined;
  const net = fetch(req).then(async (res) => {
    if (res.ok && res.type === "basic") await cache.put(key, res.clone());
    return res;
  });
  net.catch(() => undefined); // answered from the cache: the late failure is expected
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slow = new Promise<Response | undefined>((resolve) => {
    timer = setTimeout(() => resolve(cached()), navTimeoutMs);
  });
  try {
    const res = await Promise.race([net, slow]);
    if (res) return res;
    return await net;
  } catch {
    const hit = await cached();
    if (hit) return hit;
    return offlinePage(cache);
  } finally {
    clearTimeout(timer);
  }
}

// Content-hashed files: the cache first.
async function asset(req: Request, url: URL): Promise<Response> {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(req, { ignoreSearch: true });
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok && res.type === "basic" && (url.pathname.startsWith(scope.pathname) || url.pathname.includes("/assets/"))) {
    await cache.put(req, res.clone());
  }
  return res;
}

// Files that may change under their name (meta.json, an image): the
// network first, the cache when offline. Kept only if inside the edition.
async function fresh(req: Request, url: URL): Promise<Response> {
  const cache = await caches.open(cacheName);
  try {
    const res = await fetch(req);
    if (res.ok && res.type === "basic" && url.pathname.startsWith(scope.pathname)) await cache.put(req, res.clone());
    return res;
  } catch (err) {
    const hit = await cache.match(req, { ignoreSearch: true });
    if (hit) return hit;
    throw err;
  }
}

// The page for a page not kept offline: in the site's own style (its
// stylesheet is in the cache with the edition), saying what does work.
// Its one column is the text's (layout-wide), not the sidebar's.
async function offlinePage(cache: Cache): Promise<Response> {
  const keys = (await cache.keys()).map((r) => new URL(r.url).pathname);
  const css = keys.find((p) => /\/assets\/main-[^/]*\.css$/.test(p));
  // The site's own worker (its scope holds the changelog) keeps only the
  // root and the changelog; each edition's worker keeps that edition.
  const site = (await cache.match(new URL("changelog/", scope).href)) !== undefined;
  // The calculator is named only where this edition has one: a handbook
  // without payout rules has no calculator page to keep.
  const parts = keys.some((p) => p.endsWith("/calculator/")) ? "各章、全文搜索和绩效工资计算器" : "各章和全文搜索";
  const what = site
    ? "<p>打开过的各版手册和修订记录离线也能使用；没有打开过的版本需要联网。</p>"
    : "<p>本版手册（" + scope.pathname + "）中已保存在本机的" + parts + "离线也能使用；没有打开过的其他版本需要联网。</p>";
  const home = site ? scope.pathname + "latest/" : scope.pathname;
  const html =
    '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    (css ? '<link rel="stylesheet" href="' + css + '">' : "") +
    '<title>离线</title><main class="layout layout-wide"><article class="chapter"><h1>当前没有网络连接</h1>' +
    "<p>这一页没有保存在本机，联网后才能打开。</p>" +
    what +
    '<p><a href="' + home + '">返回手册首页</a></p></article></main></html>';
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}
