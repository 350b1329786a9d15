// Whether the page was opened by a link of the site itself, or from
// outside it (a link kept in a chat or a mail, typed, bookmarked). The
// site sends no referrer (base.html), so a link of the site followed says
// so itself: its address is kept in sessionStorage for the page it opens,
// which reads and clears it.

const KEY = "handbook-followed";

/** Notes that the site is about to open href by one of its own links. */
export function markFollowed(href: string): void {
  try {
    sessionStorage.setItem(KEY, new URL(href, location.href).href);
  } catch {
    // storage off: the page is taken as opened from outside
  }
}

let fromSite: boolean | null = null;

/** Whether this page was opened by a link of the site (read once a page). */
export function openedFromSite(): boolean {
  if (fromSite === null) {
    fromSite = false;
    try {
      fromSite = sessionStorage.getItem(KEY) === location.href;
      sessionStorage.removeItem(KEY);
    } catch {
      // as above
    }
  }
  return fromSite;
}

/** Marks every link of the site's own origin as it is followed. */
export function watchLinks(): void {
  document.addEventListener(
    "click",
    (e) => {
      const a = (e.target as Element | null)?.closest?.("a[href]");
      if (a instanceof HTMLAnchorElement && a.origin === location.origin) markFollowed(a.href);
    },
    true,
  );
}
