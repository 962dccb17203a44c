"""`python -m newsarchive.demosite --port 8000`: serve the fixture site until Ctrl-C."""
from __future__ import annotations

import argparse
import signal
import threading
from types import FrameType

from .generator import LAYOUTS, DemoSite
from .server import DemoServer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsarchive.demosite",
                                     description="Serve the deterministic fixture news site.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--layout", choices=LAYOUTS, default="v1")
    parser.add_argument("--quiet", action="store_true", help="do not log requests")
    args = parser.parse_args(argv)

    site = DemoSite(seed=args.seed)
    site.set_layout(args.layout)
    server = DemoServer(site, host=args.host, port=args.port, verbose=not args.quiet).start()
    print(f"Serving the demo news site at {server.base_url}/ "
          f"({len(site.keys())} articles); Ctrl-C to stop.", flush=True)
    def on_term(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt     # stop cleanly on SIGTERM too (service managers, tests)

    signal.signal(signal.SIGTERM, on_term)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
