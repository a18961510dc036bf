# Frugal ML's sampling probe: runs a Python script as `__main__` (same argv, exit code and
# exceptions) while a thread samples the main thread's stack every ~10 ms, and writes where the
# time went as JSON at exit. Standard library only.
#
#   python frugal_probe.py --out RESULT.json [--interval-ms 10] -- script.py [args...]
#
# Each sample is weighted by the wall time since the previous one: while the main thread runs
# pure Python the sampler waits for the GIL, so plain sample counts under-weight such loops.
import sys

if __name__ == "__main__":
    # Load this file again as a separate module, so that the script can own `__main__`'s
    # namespace (which `main()` clears) while the probe's functions keep their own globals.
    import importlib.util as _util
    import os as _os

    _spec = _util.spec_from_file_location("_frugal_probe", _os.path.abspath(__file__))
    _probe = _util.module_from_spec(_spec)
    sys.modules["_frugal_probe"] = _probe
    _spec.loader.exec_module(_probe)
    _probe.main(sys.argv[1:])
else:
    import atexit
    import builtins
    import json
    import os
    import signal
    import sysconfig
    import threading
    import time
    from importlib.machinery import SourceFileLoader

    SCHEMA = "frugal.probe/1"
    TOP = 200
    _THIS = os.path.abspath(__file__)

    def _library_roots():
        roots = set()
        for key in ("stdlib", "platstdlib", "purelib", "platlib"):
            p = sysconfig.get_paths().get(key)
            if p:
                roots.add(os.path.realpath(p))
        for p in (sys.prefix, sys.base_prefix, sys.exec_prefix):
            roots.add(os.path.realpath(os.path.join(p, "lib")))
        return tuple(r.rstrip(os.sep) + os.sep for r in roots)

    class Sampler(threading.Thread):
        """Samples one thread's stack; aggregates time per line and per function."""

        def __init__(self, target_ident, interval_s, root_code):
            super().__init__(name="frugal-probe-sampler", daemon=True)
            self.root_code = root_code
            self.target = target_ident
            self.interval = interval_s
            self.stopped = threading.Event()
            self.samples = 0
            self.sampled_s = 0.0
            self.lines = {}  # (file, line) -> [self_s, function]
            self.user_lines = {}  # (file, line) -> [s, function]: innermost frame in user code
            self.functions = {}  # (file, first_line, name) -> [self_s, total_s]
            self._user = {}  # filename -> bool
            self._codes = {}  # code -> ((file, first_line, name), is_user)
            self._libs = _library_roots()

        def is_user(self, filename):
            known = self._user.get(filename)
            if known is None:
                real = filename if filename.startswith("<") else os.path.realpath(filename)
                known = not (filename.startswith("<") or real == _THIS or real.startswith(self._libs) or "site-packages" in real)
                self._user[filename] = known
            return known

        def run(self):
            last = time.perf_counter()
            current_frames = sys._current_frames
            while not self.stopped.wait(self.interval):
                now = time.perf_counter()
                weight = now - last
                last = now
                frame = current_frames().get(self.target)
                if frame is not None:
                    self.record(frame, weight)

        def record(self, frame, weight):
            stack = []
            while frame is not None and frame.f_code.co_filename != _THIS:
                stack.append(frame)
                frame = frame.f_back
            # Only samples inside the script count: its module frame sits just above the probe's.
            if not stack or stack[-1].f_code is not self.root_code:
                return
            self.samples += 1
            self.sampled_s += weight
            seen = set()
            user_done = False
            codes = self._codes
            functions = self.functions
            for depth, frame in enumerate(stack):
                code = frame.f_code
                info = codes.get(code)
                if info is None:
                    info = codes[code] = ((code.co_filename, code.co_firstlineno, code.co_name), self.is_user(code.co_filename))
                fkey, user = info
                if depth == 0 or (user and not user_done) or fkey not in seen:
                    lineno = frame.f_lineno or code.co_firstlineno
                    entry = functions.get(fkey)
                    if entry is None:
                        entry = functions[fkey] = [0.0, 0.0]
                    if depth == 0:
                        entry[0] += weight
                        self._add(self.lines, (fkey[0], lineno), fkey[2], weight)
                    if fkey not in seen:
                        entry[1] += weight
                        seen.add(fkey)
                    if user and not user_done:
                        self._add(self.user_lines, (fkey[0], lineno), fkey[2], weight)
                        user_done = True

        @staticmethod
        def _add(table, key, function, weight):
            entry = table.get(key)
            if entry is None:
                entry = table[key] = [0.0, function]
            entry[0] += weight

        def result(self, script, wall_s):
            def top(items, key):
                return sorted(items, key=key, reverse=True)[:TOP]

            return {
                "schema": SCHEMA,
                "script": script,
                "python": sys.version.split()[0],
                "intervalMs": self.interval * 1000,
                "wallS": wall_s,
                "samples": self.samples,
                "sampledS": self.sampled_s,
                "functions": top(
                    (
                        {"file": f, "line": first, "name": name, "selfS": v[0], "totalS": v[1], "user": self.is_user(f)}
                        for (f, first, name), v in self.functions.items()
                    ),
                    lambda d: d["totalS"],
                ),
                "lines": top(
                    ({"file": f, "line": ln, "function": v[1], "selfS": v[0], "user": self.is_user(f)} for (f, ln), v in self.lines.items()),
                    lambda d: d["selfS"],
                ),
                "userLines": top(
                    ({"file": f, "line": ln, "function": v[1], "selfS": v[0]} for (f, ln), v in self.user_lines.items()),
                    lambda d: d["selfS"],
                ),
            }

    def _usage(message):
        sys.stderr.write("frugal_probe: %s\nusage: python frugal_probe.py --out FILE [--interval-ms N] -- script.py [args...]\n" % message)
        raise SystemExit(2)

    def _parse(argv):
        out = None
        interval_ms = 10.0
        i = 0
        while i < len(argv):
            a = argv[i]
            if a == "--":
                i += 1
                break
            if a == "--out" and i + 1 < len(argv):
                out = argv[i + 1]
                i += 2
            elif a == "--interval-ms" and i + 1 < len(argv):
                try:
                    interval_ms = max(1.0, float(argv[i + 1]))
                except ValueError:
                    _usage("--interval-ms needs a number")
                i += 2
            else:
                _usage("unexpected argument %r" % a)
        if out is None:
            _usage("--out FILE is required")
        if i >= len(argv):
            _usage("no script given")
        return out, interval_ms, argv[i], argv[i + 1 :]

    def _write(out, data):
        tmp = "%s.%d.tmp" % (out, os.getpid())
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(data, f)
        os.replace(tmp, out)

    def _strip_probe_frames(tb):
        while tb is not None and tb.tb_frame.f_code.co_filename in (_THIS, "<frozen runpy>"):
            tb = tb.tb_next
        return tb

    def main(argv):
        out, interval_ms, script, args = _parse(argv)
        path = os.path.abspath(script)
        try:
            with open(path, "rb") as f:
                source = f.read()
        except OSError as e:
            # What `python missing.py` says, with its exit status.
            sys.stderr.write("%s: can't open file %r: [Errno %d] %s\n" % (sys.executable, script, e.errno, e.strerror))
            raise SystemExit(2)
        # Like the interpreter since 3.9, `__file__` and code locations carry the absolute path.
        code = compile(source, path, "exec", dont_inherit=True)

        # The interpreter's view of a script run as `python script.py [args]`.
        sys.argv[:] = [script, *args]
        sys.path[0] = os.path.dirname(os.path.realpath(path))
        import __main__

        # The interpreter set up `__main__` for the probe exactly as it would have for the script
        # (which dunders exist depends on the Python version): keep those, pointed at the script.
        namespace = __main__.__dict__
        fresh = {k: v for k, v in namespace.items() if k.startswith("__") and k.endswith("__")}
        fresh.update(__name__="__main__", __doc__=None, __file__=path, __builtins__=builtins, __spec__=None, __package__=None)
        if "__loader__" in fresh:
            fresh["__loader__"] = SourceFileLoader("__main__", path)
        if "__annotations__" in fresh:
            fresh["__annotations__"] = {}
        namespace.clear()
        namespace.update(fresh)
        atexit.register(_exit_by_sigint_if_interrupted)

        sampler = Sampler(threading.main_thread().ident, interval_ms / 1000.0, code)
        started = time.perf_counter()
        sampler.start()
        try:
            exec(code, namespace)
        except SystemExit:
            raise
        except BaseException as e:  # noqa: BLE001 — reported as the interpreter would, below
            e.__traceback__ = _strip_probe_frames(e.__traceback__)
            _finish(sampler, out, path, started)
            sys.last_type, sys.last_value, sys.last_traceback = type(e), e, e.__traceback__
            sys.excepthook(type(e), e, e.__traceback__)
            if isinstance(e, KeyboardInterrupt):
                _interrupted.append(True)
            raise SystemExit(1)
        finally:
            _finish(sampler, out, path, started)

    _interrupted = []

    def _exit_by_sigint_if_interrupted():
        # Python ends an unhandled KeyboardInterrupt by killing itself with SIGINT once the
        # atexit handlers have run; registered before the script's handlers, this runs after them.
        if not _interrupted or not hasattr(signal, "SIGINT") or os.name == "nt":
            return
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # noqa: BLE001
                pass
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)

    def _finish(sampler, out, script, started):
        if sampler.stopped.is_set():
            return
        sampler.stopped.set()
        sampler.join(1.0)
        try:
            _write(out, sampler.result(script, time.perf_counter() - started))
        except Exception as e:  # noqa: BLE001 — never let the probe change the script's outcome
            sys.stderr.write("frugal_probe: could not write %s: %s\n" % (out, e))
