"""Lists the hour of every timer a deployed table holds in the timer bucket directory, once.

Timers filed before the directory was kept (issue 30) have no entry in it; until it is marked
complete the scheduler reads every hour since its checkpoint, as it did before, so none is
missed, only read the slow way. Run after deploying, with the stage's credentials and
`CASEBRIDGE_TABLE` set; it Scans the table once and writes an entry per hour that holds
timers, then the mark. Running it again does nothing. `make run` lists its own at start.
"""

from __future__ import annotations

from chalicelib.devtools.provision import list_timer_buckets


def main() -> None:
    listed = list_timer_buckets()
    print(f"listed {listed} hours that hold timers; the directory is complete")


if __name__ == "__main__":
    main()
