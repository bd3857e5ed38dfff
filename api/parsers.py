from typing import Any

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from config.sanitize import clean_data

MAX_DEPTH = 20


def _depth(value: Any, level: int = 1) -> int:
    if level > MAX_DEPTH:
        return level
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return max((_depth(child, level + 1) for child in children), default=level)


class CleanJSONParser(JSONParser):
    """DRF's JSON parser with a nesting limit (the standard library's parser raises
    RecursionError, a 500, on a deep enough document) and the site's input cleaning."""

    def parse(self, stream, media_type=None, parser_context=None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise ParseError("De JSON is te diep genest.") from error
        if _depth(data) > MAX_DEPTH:
            raise ParseError(f"De JSON is te diep genest (hoogstens {MAX_DEPTH} niveaus).")
        return clean_data(data)
