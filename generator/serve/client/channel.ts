// The live-reload channel shared by every open page of the preview (a
// SharedWorker). A browser opens at most six connections to one server,
// and each page's own EventSource held one for good: the seventh tab of
// the preview never loaded. This worker holds the one EventSource and
// passes its messages to each page (livereload.ts), and tells a page
// that connects the current build and problems, as the server's hello
// would.

interface SharedWorkerScope {
  onconnect: ((ev: MessageEvent) => void) | null;
}
declare const self: SharedWorkerScope;

interface State {
  build?: string;
  errors?: unknown[];
  warnings?: unknown[];
}

const ports = new Set<MessagePort>();
let state: State | null = null; // null until the server's hello
let down = false;

function post(event: string, data: string): void {
  for (const p of ports) p.postMessage({ event, data });
}

function parse(data: string): State {
  try {
    return JSON.parse(data) as State;
  } catch {
    return {};
  }
}

function open(): void {
  const es = new EventSource("/__handbook/events");
  es.addEventListener("hello", (ev) => {
    const data = (ev as MessageEvent).data as string;
    state = parse(data);
    down = false;
    post("hello", data);
  });
  for (const name of ["reload", "css", "problems"]) {
    es.addEventListener(name, (ev) => {
      const data = (ev as MessageEvent).data as string;
      const m = parse(data);
      // What a page that connects next is told: the build and its
      // warnings, and the problems only while the last build failed.
      state =
        name === "problems"
          ? { build: m.build, errors: m.errors, warnings: state?.warnings }
          : { build: m.build, warnings: m.warnings };
      post(name, data);
    });
  }
  es.addEventListener("error", () => {
    down = true;
    post("error", "");
    // The browser gives up on an answer that is not the channel (a server
    // shutting down, another program on the port): try again later.
    if (es.readyState === EventSource.CLOSED) {
      es.close();
      setTimeout(open, 2000);
    }
  });
}

self.onconnect = (ev: MessageEvent) => {
  const port = ev.ports[0];
  ports.add(port);
  port.onmessage = (m: MessageEvent) => {
    if (m.data === "bye") ports.delete(port);
  };
  if (down) port.postMessage({ event: "error", data: "" });
  else if (state) port.postMessage({ event: "hello", data: JSON.stringify(state) });
};

open();
