// A minimal WASI (wasi_snapshot_preview1) for the payout calculator's Go
// module (GOOS=wasip1, reactor build). It provides only the imports the Go
// runtime links: no files, no arguments, no environment — the module
// computes and nothing else. Output on fd 1/2 (a Go panic) goes to the
// console.

export class WasiExit extends Error {
  constructor(readonly code: number) {
    super("wasi: exit " + code);
  }
}

const ERRNO_SUCCESS = 0;
const ERRNO_BADF = 8;
const ERRNO_INVAL = 28;

export interface Wasi {
  imports: WebAssembly.Imports;
  /** Call once with the instance, before calling its exports. */
  start(instance: WebAssembly.Instance): void;
}

export function newWasi(): Wasi {
  let memory: WebAssembly.Memory | undefined;
  const view = () => new DataView(memory!.buffer);
  const decoder = new TextDecoder();
  const pending: Record<number, string> = { 1: "", 2: "" };

  const flush = (fd: number, all: boolean) => {
    let text = pending[fd];
    let nl: number;
    while ((nl = text.indexOf("\n")) >= 0) {
      (fd === 2 ? console.error : console.log)(text.slice(0, nl));
      text = text.slice(nl + 1);
    }
    if (all && text) {
      (fd === 2 ? console.error : console.log)(text);
      text = "";
    }
    pending[fd] = text;
  };

  const nowNs = (id: number): bigint => {
    if (id === 0) return BigInt(Date.now()) * 1000000n; // realtime
    return BigInt(Math.round(performance.now() * 1e6)); // monotonic
  };

  const wasi = {
    args_sizes_get(argc: number, bufSize: number): number {
      view().setUint32(argc, 0, true);
      view().setUint32(bufSize, 0, true);
      return ERRNO_SUCCESS;
    },
    args_get(): number {
      return ERRNO_SUCCESS;
    },
    environ_sizes_get(count: number, bufSize: number): number {
      view().setUint32(count, 0, true);
      view().setUint32(bufSize, 0, true);
      return ERRNO_SUCCESS;
    },
    environ_get(): number {
      return ERRNO_SUCCESS;
    },
    clock_time_get(id: number, _precision: bigint, out: number): number {
      view().setBigUint64(out, nowNs(id), true);
      return ERRNO_SUCCESS;
    },
    fd_write(fd: number, iovs: number, iovsLen: number, nwritten: number): number {
      if (fd !== 1 && fd !== 2) return ERRNO_BADF;
      const v = view();
      let n = 0;
      for (let i = 0; i < iovsLen; i++) {
        const ptr = v.getUint32(iovs + i * 8, true);
        const len = v.getUint32(iovs + i * 8 + 4, true);
        pending[fd] += decoder.decode(new Uint8Array(memory!.buffer, ptr, len));
        n += len;
      }
      flush(fd, false);
      v.setUint32(nwritten, n, true);
      return ERRNO_SUCCESS;
    },
    random_get(ptr: number, len: number): number {
      for (let off = 0; off < len; off += 65536) {
        crypto.getRandomValues(new Uint8Array(memory!.buffer, ptr + off, Math.min(65536, len - off)));
      }
      return ERRNO_SUCCESS;
    },
    // The calculator never sleeps; answer every subscription at once so an
    // idle runtime cannot hang the page.
    poll_oneoff(subs: number, events: number, n: number, nevents: number): number {
      if (n === 0) return ERRNO_INVAL;
      const v = view();
      for (let i = 0; i < n; i++) {
        const s = subs + i * 48;
        const e = events + i * 32;
        v.setBigUint64(e, v.getBigUint64(s, true), true); // userdata
        v.setUint16(e + 8, ERRNO_SUCCESS, true); // error
        v.setUint8(e + 10, v.getUint8(s + 8)); // type
      }
      v.setUint32(nevents, n, true);
      return ERRNO_SUCCESS;
    },
    sched_yield(): number {
      return ERRNO_SUCCESS;
    },
    proc_exit(code: number): never {
      flush(1, true);
      flush(2, true);
      throw new WasiExit(code);
    },
  };

  return {
    imports: { wasi_snapshot_preview1: wasi as unknown as WebAssembly.ModuleImports },
    start(instance) {
      memory = instance.exports.memory as WebAssembly.Memory;
      const init = instance.exports._initialize as (() => void) | undefined;
      if (init) init();
    },
  };
}
