// The service worker of one edition (it lives at <edition>/sw.js, so its
// scope is that edition), or of the site's root and changelog (at the
// site's sw.js; inside an edition, the edition's worker wins). On install it caches the edition's pages, assets,
// search index and calculator module listed in precache.json; afterwards
// pages and every file whose name does not change with its content (the
// search index's meta.json, images) come from the network when it answers
// within a few seconds (a fresh build wins; revalidated, never a copy the
// browser's HTTP cache guessed was fresh) and from the cache when it does
// not, and only content-hashed files (the site's assets/, the search
// index's shards) come from the cache first — so after one visit the
// handbook and its calculator work with the network off, and a rebuilt
// site is never read half old, half new: the offline copy of an edition
// is one list's files, stored together once every one of them came, and
// nothing fetched in between (a page opened, a meta.json) is written into
// it unless it belongs to that copy. The site's assets, the same files for
// every edition, are kept once, in a cache all the workers share, for as
// long as a page kept by any of them refers to one. It never sends
// anything anywhere: the only requests it makes are for the site's own
// files.
/// <reference lib="webworker" />
export {};
declare const self: ServiceWorkerGlobalScope;

const scope = new URL(self.registration.scope);
const cacheName = "handbook:" + scope.pathname;
const listURL = new URL("precache.json", scope).toString();
const metaURL = new URL("search/meta.json", scope).toString();
// An edition lives at <site>latest/, <site>v/<version>/ or <site>draft/;
// the site's own worker's scope is the site.
const edition = String.raw`(?:latest|draft|v/[^/]+)`;
const editionScope = new RegExp(edition + "/$");
const siteWorker = !editionScope.test(scope.pathname);
const siteBase = scope.pathname.replace(editionScope, "");
// An edition's address from the site's: its pages are that edition's
// worker's to keep, even those the site's worker serves while that one
// installs.
const editionPath = new RegExp("^" + edition + "(?:/|$)");
// The site's content-hashed assets (styles, scripts, the calculator's
// module), the same files for every edition: kept once, shared.
const assetsDir = siteBase + "assets/";
const sharedName = "handbook:" + assetsDir;
// A page or file the network has not answered within this time comes from
// the cache, if it is there (a dead hotel Wi-Fi is worse than no network);
// one not kept is given up after giveUpMs (the search then says it could
// not load its index, the page that it is offline), and a file the worker
// fetches in the background after backgroundMs.
const answerMs = 4000;
const giveUpMs = 15000;
const backgroundMs = 60000;
// Set once the edition is gone from the server (withdrawIfGone): the
// worker then lets every request through, so nothing makes its cache again.
let withdrawn = false;
// The list check a visit starts; one at a time.
let refreshing: Promise<Outcome> | null = null;
// An edition of more pages than this is not fetched whole at install (a
// 10,000-page tree is 10,000 requests and 200 MB on a phone): the worker
// keeps the pages nearest its home (the home, then its parts and
// sections), the pages the reader opened, and the section of each page
// they open; a handbook of chapters is kept whole.
const pageCap = 200;

/**
 * What a look at the server's list left the cache as: "current" (the
 * server's list, whole), "partial" (no complete copy yet: what came is
 * kept), "stale" (a last complete copy kept whole while the new one could
 * not be fetched whole) or "failed" (no list: offline, or gone).
 */
type Outcome = "current" | "partial" | "stale" | "failed";

// page tells a page's address (pages are listed as folders) from a file's.
function page(u: string): boolean {
  return u.endsWith("/");
}

// parent is the folder of a page's address: /latest/a/b/ → /latest/a/.
function parent(pathname: string): string {
  return pathname.replace(/[^/]+\/$/, "");
}

// canonical is the address a page is kept under: /latest/a/index.html is
// /latest/a/, as the list names it.
function canonical(url: URL): string {
  return url.origin + url.pathname.replace(/\/index\.html$/, "/");
}

// shared tells the site's assets, kept once for every edition.
function shared(url: URL): boolean {
  return url.pathname.startsWith(assetsDir);
}

// mine tells the files this worker keeps in its own cache: those in its
// scope but the site's assets (the shared cache's) and, for the site's
// worker, the editions' (a calculator page opened while its edition's
// worker installed was kept twice, its module too).
function mine(url: URL): boolean {
  if (!url.pathname.startsWith(scope.pathname) || shared(url)) return false;
  return !siteWorker || !editionPath.test(url.pathname.slice(siteBase.length));
}

// assetsIn lists the site's assets a page refers to (its stylesheet, its
// scripts, the calculator's module): what it needs to be read offline.
function assetsIn(html: string, at: string): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/["']([^"'\s<>]*assets\/[^"'\s<>]+)["']/g)) {
    try {
      const u = new URL(m[1].replace(/&amp;/g, "&"), at);
      if (u.origin === location.origin && shared(u)) found.add(u.origin + u.pathname);
    } catch {
      /* not an address */
    }
  }
  return [...found];
}

// isPage tells an HTML page from the other files a cache keeps.
function isPage(res: Response): boolean {
  return (res.headers.get("Content-Type") ?? "").startsWith("text/html");
}

// unavailable is the answer for a file neither the network nor the
// offline copy has: a response the page can read (the search says it
// could not load its index, the not-found page's probes find nothing),
// not a failed promise, which the browser reports as the worker's error.
function unavailable(): Response {
  return new Response(null, { status: 504, statusText: "Gateway Timeout" });
}

// hashed tells files named after their content, which never change: the
// site's assets and the search index's shards (in a folder named after
// the index's build). Any other file may change under its name (an image
// in a content folder called assets/ too).
function hashed(url: URL): boolean {
  return shared(url) || /\/search\/[0-9a-f]{8,}\//.test(url.pathname);
}

/**
 * Fetches what a request asks for, revalidated (a page or a meta.json the
 * browser kept, from a server that sends Last-Modified and no
 * Cache-Control, is "fresh" by guesswork for weeks), and gives up
 * (aborting it) when no answer has come within ms.
 */
function fetchWithin(req: RequestInfo, ms: number, revalidate = true): Promise<Response> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), ms);
  const init: RequestInit = { signal: ctl.signal };
  if (revalidate && (typeof req === "string" || req.cache === "default")) init.cache = "no-cache";
  return fetch(req, init).finally(() => clearTimeout(timer));
}

// Web Locks where the browser has them: the workers of all editions store
// into and prune the shared assets one at a time.
function exclusive<T>(f: () => Promise<T>): Promise<T> {
  const locks = self.navigator.locks as LockManager | undefined;
  return locks ? locks.request(sharedName, f) : f();
}

// The URLs the stored list names, or null without one (no complete copy).
let listedMemo: Promise<Set<string> | null> | null = null;
function listed(): Promise<Set<string> | null> {
  listedMemo ??= (async () => {
    const l = await (await caches.open(cacheName)).match(listURL);
    if (!l) return null;
    try {
      return new Set(((await l.json()) as string[]).filter((u) => !u.startsWith("#")).map((u) => new URL(u, scope).href));
    } catch {
      return null;
    }
  })();
  return listedMemo;
}

/**
 * Keeps a response fetched while the reader used the site (a page, an
 * image), unless the complete copy has that file already: a file the
 * stored list names is that list's, stored with it, so the copy stays one
 * build's.
 */
async function keep(key: string, res: Response): Promise<void> {
  const cache = await caches.open(cacheName);
  const names = await listed();
  if (names && names.has(key) && (await cache.match(key))) return;
  if (isPage(res)) await keepPage(cache, key, res);
  else await cache.put(key, res);
}

/**
 * Stores a page, then the site's assets it refers to that the shared
 * cache lacks (a page of a newer build than the copy's, or one whose
 * assets a prune took while it was on its way): a page kept without its
 * stylesheet and scripts reads unstyled offline, its calculator dead.
 * The page goes in while no worker prunes the shared cache, so a prune
 * after it keeps what it refers to.
 */
async function keepPage(cache: Cache, key: string, res: Response): Promise<void> {
  const refs = assetsIn(await res.clone().text(), key);
  const assets = await caches.open(sharedName);
  const lacking = await exclusive(async () => {
    await cache.put(key, res);
    const out: string[] = [];
    for (const u of refs) if (!(await assets.match(u))) out.push(u);
    return out;
  });
  await Promise.all(
    lacking.map(async (u) => {
      try {
        const r = await fetchWithin(u, backgroundMs, false);
        if (r.ok && r.type === "basic") await assets.put(u, r);
      } catch {
        /* offline: the page reads unstyled until its next visit */
      }
    }),
  );
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
 * on working in the tunnel. Only while the cache is the server's list's.
 */
async function keepSection(at: URL): Promise<void> {
  const cache = await caches.open(cacheName);
  // The list as listed() keeps it, parsed once, not read again on every
  // page opened.
  const names = await listed();
  if (!names) return;
  const pages = [...names].filter(page);
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
          const r = await fetchWithin(u, backgroundMs);
          if (r.ok) await keepPage(cache, u, r);
        } catch {
          /* offline: the section is kept on a later visit */
        }
      }),
  );
}

/**
 * Caches every URL of precache.json; with force=false only if the list
 * changed. A new list's files are all fetched before any is stored, so the
 * offline copy is one build's, never a mix; then what the new build no
 * longer has (a deleted chapter, the last index's shards, the last theme's
 * assets) is removed from the cache. A list and a worker script the server
 * no longer has (a draft withdrawn) take the worker and its copy away.
 */
async function precache(force: boolean): Promise<Outcome> {
  const res = await fetchWithin(listURL, backgroundMs);
  if (res.status === 404 || res.status === 410) {
    await withdrawIfGone();
    return "failed";
  }
  if (!res.ok) return "failed";
  const text = await res.text();
  const cache = await caches.open(cacheName);
  const old = await cache.match(listURL);
  const oldText = old ? await old.text() : undefined;
  if (!force && oldText === text) return "current";
  let urls: string[];
  try {
    // The list's stamp ("#" and a hash of what its pages show) only
    // makes it change with them: it names no file.
    urls = (JSON.parse(text) as string[]).filter((u) => !u.startsWith("#"));
  } catch {
    return "failed";
  }
  const assets = await caches.open(sharedName);
  const fetched: [string, Response][] = [];
  let missing = 0;
  await Promise.all(
    (await wanted(cache, urls)).map(async (u) => {
      const url = new URL(u, scope);
      try {
        // Hashed files already cached are still right. An asset is held
        // whatever cache has it, and stored back should a prune drop it
        // before this copy is stored (a redeploy during a slow first
        // install left its pages without the last theme's assets); one
        // another cache kept (a worker before the shared cache) moves to
        // the shared one.
        if (shared(url)) {
          const have = await caches.match(url.href);
          if (have) {
            fetched.push([url.href, have]);
            return;
          }
        } else if (hashed(url) && (await cache.match(url.href))) return;
        const r = await fetchWithin(url.href, backgroundMs);
        if (r.ok) fetched.push([url.href, r]);
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
  if (missing > 0 && oldText !== undefined) return "stale";
  // Stored while no worker prunes the shared assets: the pages and the
  // assets they refer to go in together, and a prune after keeps them.
  return exclusive(async () => {
    await Promise.all(
      fetched.map(async ([u, r]) => {
        if (!shared(new URL(u))) await cache.put(u, r);
        else if (!(await assets.match(u))) await assets.put(u, r);
      }),
    );
    if (missing > 0) return "partial" as Outcome;
    await cache.put(listURL, new Response(text, { headers: { "Content-Type": "application/json" } }));
    listedMemo = null;
    await prune(cache, urls);
    await pruneShared(assets);
    return "current" as Outcome;
  });
}

// prune removes what the list does not name, but the shards of the search
// index its meta.json names (a big index is not in the list: its shards
// are kept as searches fetch them), and the assets, which are kept in the
// shared cache.
async function prune(cache: Cache, urls: string[]): Promise<void> {
  const keep = new Set(urls.map((u) => new URL(u, scope)).filter((u) => !shared(u)).map((u) => u.href));
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

// pruneShared removes the shared assets nothing kept needs: no stored list
// names them and no kept page of any worker refers to them (the last
// theme's, once every edition kept has its new build). An edition whose
// first install missed a file keeps the pages that came, and no list: its
// pages went unstyled, their calculator dead, once another edition took
// a new theme. Called under exclusive().
async function pruneShared(assets: Cache): Promise<void> {
  const needed = new Set<string>();
  for (const name of await caches.keys()) {
    if (!name.startsWith("handbook:" + siteBase) || name === sharedName) continue;
    const cache = await caches.open(name);
    const list = new URL(name.slice("handbook:".length) + "precache.json", location.origin).href;
    for (const req of await cache.keys()) {
      const res = await cache.match(req);
      if (!res) continue;
      if (req.url === list) {
        try {
          for (const u of (await res.json()) as string[]) needed.add(new URL(u, location.origin).href);
        } catch {
          /* not a list: names nothing */
        }
      } else if (isPage(res)) {
        for (const u of assetsIn(await res.text(), req.url)) needed.add(u);
      }
    }
  }
  for (const req of await assets.keys()) {
    if (!needed.has(req.url)) await assets.delete(req);
  }
}

/**
 * The server has no list here: when it has no worker script either, the
 * edition is gone (a draft built with -drafts, then without), and so are
 * this worker and its offline copy, which would otherwise show the
 * withdrawn text offline for ever.
 */
async function withdrawIfGone(): Promise<void> {
  const res = await fetchWithin(self.location.href, backgroundMs);
  if (res.status !== 404 && res.status !== 410) return;
  withdrawn = true;
  await self.registration.unregister();
  await exclusive(async () => {
    await caches.delete(cacheName);
    listedMemo = null;
    await pruneShared(await caches.open(sharedName));
  });
}

/** Looks for a new precache list (a rebuilt site) unless a look is under way. */
function refresh(): Promise<Outcome> {
  if (!refreshing) {
    refreshing = precache(false)
      .catch((): Outcome => "failed")
      .finally(() => {
        refreshing = null;
      });
  }
  return refreshing;
}

// The cache may take what came while the reader used the site: it is the
// server's list's, or there is no complete copy to keep whole.
function storable(o: Outcome): boolean {
  return o === "current" || o === "partial";
}

self.addEventListener("install", (ev) => {
  // The page that installs the worker was loaded before it: it and its
  // section are kept too.
  const opened = async (o: Outcome) => {
    if (!storable(o)) return;
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

// A page of the site (any edition's) tells the site's worker to look for
// a new build of its pages, the changelog among them, which a reader
// otherwise reopened only by opening the site's root or changelog.
self.addEventListener("message", (ev) => {
  if (ev.data === "refresh") ev.waitUntil(refresh());
});

self.addEventListener("fetch", (ev) => {
  const req = ev.request;
  if (req.method !== "GET" || withdrawn) return;
  const url = new URL(req.url);
  if (url.origin !== location.origin) return;
  // A request that wants no stored copy at all (a check whether the
  // network is up) is the network's to answer.
  if (req.cache === "no-store" && req.mode !== "navigate") return;
  if (req.mode === "navigate") {
    const nav = navigate(req, url);
    ev.respondWith(nav.then((n) => n.page));
    // After a page is served, look for a new build's file list (one small
    // revalidated request), so the offline copy follows the site; the page
    // fetched is kept only once the copy is known to be its build's.
    ev.waitUntil(
      refresh().then(async (o) => {
        if (!storable(o) || !mine(url)) return;
        const got = await (await nav).fetched;
        if (got) await keep(canonical(url), got);
        await keepSection(url);
      }),
    );
    return;
  }
  ev.respondWith((hashed(url) ? asset(req, url) : fresh(req, url)).catch(unavailable));
});

/**
 * The kept copy of a page: at its address, /a/index.html at /a/, and an
 * address without its slash (/latest, /latest/a) sent to the page's
 * (relative links are read from there), which another edition's worker
 * may keep.
 */
async function cached(cache: Cache, url: URL): Promise<Response | undefined> {
  const hit = await cache.match(canonical(url));
  if (hit) return hit;
  if (url.pathname.endsWith("/") || url.pathname.endsWith("/index.html")) return undefined;
  const folder = new URL(url.href);
  folder.pathname += "/";
  folder.hash = "";
  if (await caches.match(canonical(folder))) return Response.redirect(folder.href, 301);
  return undefined;
}

/**
 * Pages: network first, the cache when offline or too slow. The page, and
 * the network's copy to keep once the refresh says it may be (the network
 * may answer after the cache did).
 */
function navigate(req: Request, url: URL): Promise<{ page: Response; fetched: Promise<Response | undefined> }> {
  const net = fetchWithin(req, giveUpMs);
  const fetched = net.then(
    (res) => (res.ok && res.type === "basic" ? res.clone() : undefined),
    () => undefined,
  );
  const page = (async () => {
    const cache = await caches.open(cacheName);
    return networkFirst(net, () => cached(cache, url), () => offlinePage(cache, url));
  })();
  return page.then((p) => ({ page: p, fetched }));
}

/**
 * The network's answer, or, when it has not come within answerMs, the
 * cache's (fromCache) if it has one; otherwise whatever comes of net,
 * and when that fails, the cache's, or else none(). Pages and files that
 * change under their name are answered so.
 */
async function networkFirst(
  net: Promise<Response>,
  fromCache: () => Promise<Response | undefined>,
  none: () => Response | Promise<Response>,
): Promise<Response> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slow = new Promise<Response | undefined>((resolve) => {
    timer = setTimeout(() => resolve(fromCache()), answerMs);
  });
  try {
    const res = await Promise.race([net, slow]);
    if (res) return res;
    return await net;
  } catch {
    return (await fromCache()) ?? none();
  } finally {
    clearTimeout(timer);
  }
}

// Content-hashed files: the cache first (an asset from any worker's cache:
// its name is its content). One not kept is fetched, and kept: the site's
// assets in the shared cache, whichever worker fetched them, the
// edition's files in its own.
async function asset(req: Request, url: URL): Promise<Response> {
  const cache = await caches.open(cacheName);
  const hit = shared(url) ? await caches.match(req, { ignoreSearch: true }) : await cache.match(req, { ignoreSearch: true });
  if (hit) return hit;
  // Failing, it is answered unavailable() (the fetch listener).
  const res = await fetchWithin(req, giveUpMs, false);
  if (res.ok && res.type === "basic" && (shared(url) || mine(url))) {
    const into = shared(url) ? await caches.open(sharedName) : cache;
    await into.put(url.origin + url.pathname, res.clone()).catch(() => undefined);
  }
  return res;
}

// Files that may change under their name (meta.json, an image): the
// network first, the cache when offline or too slow. One the stored list
// does not name is kept if this worker's; a listed one is the list's.
async function fresh(req: Request, url: URL): Promise<Response> {
  const cache = await caches.open(cacheName);
  const net = fetchWithin(req, giveUpMs).then(async (res) => {
    if (res.ok && res.type === "basic" && mine(url)) await keep(req.url, res.clone()).catch(() => undefined);
    return res;
  });
  net.catch(() => undefined); // answered from the cache: the late failure is expected
  return networkFirst(net, () => cache.match(req, { ignoreSearch: true }), unavailable);
}

/**
 * The page for an address offline: one of the edition that the stored
 * list does not name does not exist in it (as the site's 404 says
 * online); any other was not kept. In the site's own look: the edition's
 * home (the site's changelog) with this in place of its text, or, when
 * that is not kept, a page of the site's stylesheet alone, in one column.
 */
async function offlinePage(cache: Cache, url: URL): Promise<Response> {
  const names = siteWorker ? null : await listed();
  const here = canonical(url);
  const gone = names !== null && !names.has(here) && !names.has(here + "/");
  // The calculator is named only where this edition has one: a handbook
  // without payout rules has no calculator page to keep.
  const keys = (await cache.keys()).map((r) => new URL(r.url).pathname);
  const parts = keys.some((p) => p.endsWith("/calculator/")) ? "各章、全文搜索和绩效工资计算器" : "各章和全文搜索";
  const home = siteWorker ? scope.pathname + "latest/" : scope.pathname;
  let text: string;
  if (gone) {
    text =
      "<p>本机保存的这一版手册（" + scope.pathname + "）中没有这个地址对应的页面：可能是地址输错了，也可能是所指的章节或条款在新版本中已改名或删去。</p>" +
      '<ul><li><a href="' + home + '">回到本版手册首页</a></li>' +
      (keys.some((p) => p === scope.pathname + "search/") ? '<li>用页面上方的搜索框查找条文，或打开<a href="' + scope.pathname + 'search/">全文搜索</a>（离线也能使用）</li>' : "") +
      "</ul>";
  } else {
    // The site's own worker (its scope holds the changelog) keeps only the
    // root and the changelog; each edition's worker keeps that edition.
    const what = siteWorker
      ? "<p>打开过的各版手册和修订记录离线也能使用；没有打开过的版本需要联网。</p>"
      : "<p>本版手册（" + scope.pathname + "）中已保存在本机的" + parts + "离线也能使用；没有打开过的其他版本需要联网。</p>";
    text = '<p>这一页没有保存在本机，联网后才能打开。<a href="' + home + '">返回手册首页</a></p>' + what;
  }
  // Headed by what is wrong: a page the saved copy does not have is no
  // matter of the network (it was headed 当前没有网络连接 too).
  const heading = gone ? "找不到这一页" : "当前没有网络连接";
  const article = '<article class="chapter"><header class="chapter-header"><h1>' + heading + '</h1></header><div class="prose">' + text + "</div></article>";
  const status = gone ? 404 : 503;
  const headers = { "Content-Type": "text/html; charset=utf-8" };
  const page = await cache.match(new URL(siteWorker ? "changelog/" : "", scope).href);
  const html = page ? await page.text() : "";
  const open = html.search(/<main\b[^>]*>/);
  const close = html.lastIndexOf("</main>");
  if (open >= 0 && close > open) {
    const start = html.indexOf(">", open) + 1;
    const shell = (html.slice(0, start) + article + html.slice(close))
      .replace(/<title>[^<]*<\/title>/, "<title>" + heading + "</title>")
      .replace(/<link rel="canonical"[^>]*>/, "")
      // A page that does not exist is the site's "not found" page, whose
      // script offers the page in the other revisions kept.
      .replace(/<body class="kind-[\w-]+/, '<body class="kind-' + (gone ? "notfound" : "offline"))
      .replace(/ aria-current="page"/g, "");
    return new Response(shell, { status, headers });
  }
  const style = (p: string) => shared(new URL(p, scope)) && /\/main-[^/]*\.css$/.test(p);
  const css =
    ((await caches.has(sharedName)) ? (await (await caches.open(sharedName)).keys()).map((r) => new URL(r.url).pathname).find(style) : undefined) ??
    keys.find(style);
  const plain =
    '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    (css ? '<link rel="stylesheet" href="' + css + '">' : "") +
    "<title>" + heading + '</title><main class="layout layout-wide">' + article + "</main></html>";
  return new Response(plain, { status, headers });
}
