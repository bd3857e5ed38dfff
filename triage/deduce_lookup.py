"""deduce with only the lookup structures the anonymiser uses.

deduce loads all its lookup structures from one cache (a pickle in its package
directory): about 1 GB resident, of which the healthcare-institution trie alone
is 457 MB, the street trie 445 MB and the place-name trie 15 MB (measured on
deduce 3.0.6). The anonymiser never runs the hospital, institution and place-name
annotators (place names and institutions stay in a publication text), so it
loads a slim copy of that cache without their three tries, and deduce's
configuration without those annotators: about 0.5 GB less in the worker.

The slim copy is written once, next to deduce's own cache in the virtualenv,
by `manage.py triage_prepare` (at `make install`) or, when missing, by a
short-lived child process (`python -m triage.deduce_lookup`), so that the
process that keeps deduce loaded never holds the full structures, not even
while unpickling them. No Django here."""

import json
import os
import pickle
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

# deduce's annotators the anonymiser does not use, and the lookup structures only they need.
UNUSED_ANNOTATORS = ("hospital", "institution", "placename")
UNUSED_LOOKUPS = ("hospital", "healthcare_institution", "placename")


def _package_dir() -> Path:
    import deduce

    return Path(deduce.__file__).resolve().parent


def _version() -> str:
    import deduce

    return deduce.__version__


def slim_dir() -> Path:
    """Where the slim cache lives: deduce's lookup directory, one folder per deduce version
    (an upgrade of deduce finds no slim cache and writes a new one)."""
    return _package_dir() / "data" / "lookup" / f"klachtwijs-{_version()}"


def slim_cache_file() -> Path:
    # deduce's own layout: <cache_path>/cache/lookup_structs.pickle
    return slim_dir() / "cache" / "lookup_structs.pickle"


def slim_config() -> dict[str, Any]:
    """deduce's base configuration without the unused annotators."""
    with open(_package_dir() / "base_config.json", encoding="utf-8") as handle:
        config = json.load(handle)
    for name in UNUSED_ANNOTATORS:
        config["annotators"].pop(name, None)
    return config


def slim_cache_build() -> Path:
    """Load deduce in full (from its cache, or building it: minutes), drop the
    unused structures and write the slim cache in deduce's own cache format. Run
    in a process of its own: this one holds the full structures."""
    import deduce

    structs = deduce.Deduce().lookup_structs
    for name in UNUSED_LOOKUPS:
        del structs[name]
    target = slim_cache_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    cache = {"deduce_version": deduce.__version__, "saved_datetime": str(datetime.now()), "lookup_structs": structs}
    # Written under a temporary name and renamed, so a reader never sees half a file.
    partial = target.with_name(f".{target.name}.{os.getpid()}")
    with open(partial, "wb") as handle:
        pickle.dump(cache, handle)
    os.replace(partial, target)
    return target


def slim_cache_ensure() -> None:
    """Write the slim cache, in a child process, when it is missing."""
    if not slim_cache_file().exists():
        subprocess.run(
            [sys.executable, "-m", "triage.deduce_lookup"], check=True, cwd=Path(__file__).resolve().parent.parent
        )


def slim_deduce() -> Any:
    """A deduce instance on the slim cache (written first when missing)."""
    import deduce

    slim_cache_ensure()
    return deduce.Deduce(load_base_config=False, config=slim_config(), cache_path=slim_dir())


if __name__ == "__main__":
    started = datetime.now()
    path = slim_cache_build()
    print(f"{path} ({(datetime.now() - started).total_seconds():.0f} s)")
