"""The ``whosaid`` command installed with the package: the Rust command line, run in-process."""

import signal
import sys

from whosaid._native import main as _main


def main() -> None:
    """Runs ``whosaid`` with this process's arguments and exits with its status."""
    # Python turns Ctrl-C into an exception it can only raise once the Rust code returns;
    # the binary stops at once, and so should this.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    sys.stdout.flush()
    sys.exit(_main(["whosaid", *sys.argv[1:]]))


if __name__ == "__main__":
    main()
