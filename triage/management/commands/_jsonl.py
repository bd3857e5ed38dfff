"""Reading and writing the batch commands' JSON lines."""

import json
from collections.abc import Iterator
from typing import Any, TextIO

from django.core.management.base import CommandError


def read_items(stream: TextIO) -> Iterator[tuple[Any, str]]:
    """(id, text) per non-empty line; a bad line stops with its line number."""
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise CommandError(f"Regel {number}: geen geldige JSON ({error.msg}).") from error
        if not isinstance(item, dict) or "id" not in item or not isinstance(item.get("text"), str):
            raise CommandError(f'Regel {number}: verwacht {{"id": ..., "text": "..."}}.')
        yield item["id"], item["text"]


def write_item(stream: TextIO, item: dict[str, Any]) -> None:
    stream.write(json.dumps(item, ensure_ascii=False) + "\n")
